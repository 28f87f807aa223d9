package io.kato.runtime.kubernetes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kato.api.model.DeployType;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.Volume;
import io.kato.api.model.VolumeType;
import io.kato.api.runtime.Deployment;
import io.kato.api.runtime.Observation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The runtime against a real cluster: the one {@code KUBECONFIG} names, in a namespace of
 * its own ({@code kato-it-<random>}, deleted afterwards). Skipped when {@code KUBECONFIG} is
 * not set. The image must answer HTTP on its port: {@code KATO_TEST_IMAGE} (default
 * {@code nginxinc/nginx-unprivileged:1.27-alpine}, port 8080) and {@code KATO_TEST_IMAGE_PORT}.
 */
@EnabledIfEnvironmentVariable(named = "KUBECONFIG", matches = ".+")
class RealClusterTest {
    private static final Duration LIMIT = Duration.ofMinutes(4);
    private KubernetesClient client;
    private KubernetesRuntime runtime;
    private final String team = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String id = UUID.randomUUID().toString();

    @BeforeEach
    void connect() {
        client = new KubernetesClientBuilder().withConfig(Config.autoConfigure(null)).build();
        runtime = new KubernetesRuntime(client, "kato-");
    }

    @AfterEach
    void cleanUp() {
        try {
            runtime.purge(id);
            client.namespaces().withName(runtime.namespace(team)).delete();
        } finally {
            runtime.close();
            client.close();
        }
    }

    private Deployment web(int instances, long revision, String conf) {
        String image = System.getenv().getOrDefault("KATO_TEST_IMAGE", "nginxinc/nginx-unprivileged:1.27-alpine");
        int port = Integer.parseInt(System.getenv().getOrDefault("KATO_TEST_IMAGE_PORT", "8080"));
        return new Deployment(id, "web", team, "v1", image, List.of(), true, instances, 64,
                DeployType.STATELESS_MULTIPLE, List.of(new Port(port, Protocol.HTTP, "WEB", true, true)),
                Map.of("GREETING", "hi", "TOKEN", "s3cret"), List.of(), revision).with(Set.of("TOKEN"), List.of(
                        new Volume("scratch", VolumeType.MEMORY, "/tmp/scratch", 16, null),
                        new Volume("conf", VolumeType.CONFIG_FILE, "/etc/kato/app.conf", null, conf)), null,
                List.of());
    }

    private Observation await(String what, Predicate<Observation> condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Observation o = runtime.observe(id);
        while (!condition.test(o)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last seen " + o);
            }
            Thread.sleep(500);
            o = runtime.observe(id);
        }
        return o;
    }

    @Test
    void aComponentRunsScalesRollsOutAndGoes() throws Exception {
        await("the watch", o -> runtime.health().up());
        runtime.apply(web(2, 0, "a=1\n"));
        await("two ready pods", o -> o.ready() == 2 && !o.rollingOut());

        runtime.apply(web(1, 0, "a=1\n"));
        await("one pod after scaling down", o -> o.instances().size() == 1 && o.ready() == 1);

        runtime.apply(web(1, 1, "a=2\n"));
        Observation rolled = await("the restart's new pod", o -> o.revision() == 1 && !o.rollingOut()
                && o.ready() == 1);
        String pod = rolled.instances().get(0).id();
        try (var in = client.pods().inNamespace(runtime.namespace(team)).withName(pod).inContainer("main")
                .file("/etc/kato/app.conf").read()) {
            assertEquals("a=2\n", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "the changed config file reached the new pod");
        }

        runtime.remove(id);
        await("no pods", o -> o.instances().isEmpty());
        assertFalse(runtime.observe(id).known());
    }
}
