package io.kato.runtime.kubernetes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kato.api.build.ProbeSpec;
import io.kato.api.model.Autoscaling;
import io.kato.api.model.DeployType;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.Volume;
import io.kato.api.model.VolumeType;
import io.kato.api.runtime.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rendering against golden manifests in {@code src/test/resources/golden}: a change to what
 * Kato asks of a cluster shows as a diff to review. To accept one, run with
 * {@code -Dkato.golden.write=true} and read the diff before committing it.
 */
class ManifestsTest {
    /** Three instances autoscaled by CPU, a secret and a plain variable, a shared volume, scratch memory, a config file, routes. */
    static final Deployment WEB = new Deployment("c0ffee00-0000-4000-8000-000000000001", "web", "shop",
            "7e57ab1e-0000-4000-8000-000000000002", "registry.example.org/shop/web:1@sha256:" + "ab".repeat(32),
            List.of("/srv/web", "--port", "8080"), true, 3, 256, DeployType.STATELESS_MULTIPLE,
            List.of(new Port(8080, Protocol.HTTP, "WEB", true, true), new Port(9090, Protocol.UDP, "WEB", true, false)),
            Map.of("GREETING", "hi", "DB_PASSWORD", "pa55"),
            List.of(new ProbeSpec(ProbeSpec.Purpose.LIVENESS, ProbeSpec.Kind.HTTP, 8080, "/healthz", 5, 10, 2, 1, 3)),
            4).with(Set.of("DB_PASSWORD"), List.of(
                    new Volume("uploads", VolumeType.SHARE_FILE, "/srv/uploads", 2048, null),
                    new Volume("cache", VolumeType.MEMORY, "/tmp/cache", 64, null),
                    new Volume("conf", VolumeType.CONFIG_FILE, "/etc/web/web.conf", null, "listen 8080\n")),
            new Autoscaling(2, 6, Autoscaling.Metric.CPU, 500), List.of(
                    new Deployment.Route("web-shop.kato.example.org", "/", 8080, 100, true, Map.of(), null, null),
                    new Deployment.Route("shop.example.org", "/", 8080, 90, true, Map.of(), "CHAIN", "KEY"),
                    new Deployment.Route("shop.example.org", "/api", 8080, 20, false, Map.of(), "CHAIN", "KEY"),
                    new Deployment.Route("beta.example.org", "/", 8080, 100, true, Map.of("X-Beta", "1"), null,
                            null)));
    /** Stopped, stateful: a claim per instance, its password secret. */
    static final Deployment DB = new Deployment("c0ffee00-0000-4000-8000-000000000003", "db", "shop",
            "7e57ab1e-0000-4000-8000-000000000004", "postgres:16@sha256:" + "cd".repeat(32), List.of(), false, 1, 512,
            DeployType.STATEFUL_SINGLE, List.of(new Port(5432, Protocol.TCP, "DB", true, false)),
            Map.of("POSTGRES_PASSWORD", "pa55"), List.of(), 1).with(Set.of("POSTGRES_PASSWORD"),
            List.of(new Volume("data", VolumeType.LOCAL, "/var/lib/postgresql/data", 10240, null)), null, List.of());

    /**
     * WEB with an init plugin (it prepares the shared volume) and a sidecar: the component's
     * env shared, the discovery token and the shared secret from the plugins' Secret; and a
     * plugin without an image, which renders nothing.
     */
    static final Deployment WITH_PLUGINS = WEB.withPlugins(List.of(
            new Deployment.Plugin("seed", true, "registry.example.org/seed@sha256:" + "01".repeat(32), "seed.sh", 32,
                    50, Map.of("GREETING", "hi", "SEED_FROM", "s3://seeds", "KATO_DISCOVERY_TOKEN", "tok-1"),
                    List.of(), Set.of("KATO_DISCOVERY_TOKEN")),
            new Deployment.Plugin("logs", false, "registry.example.org/logs@sha256:" + "02".repeat(32), null, 64,
                    100, Map.of("GREETING", "hi", "DB_PASSWORD", "pa55", "LEVEL", "debug",
                    "KATO_DISCOVERY_URL", "http://kato:8181/api/v1/discovery/shop/web/logs",
                    "KATO_DISCOVERY_TOKEN", "tok-2"), List.of("--follow", "/srv/uploads"),
                    Set.of("DB_PASSWORD", "KATO_DISCOVERY_TOKEN")),
            // no image: the gateway does its work where it fronts the component; no container here
            new Deployment.Plugin("perf", false, null, null, 16, 10, Map.of("KATO_DISCOVERY_TOKEN", "tok-3"),
                    List.of(), Set.of("KATO_DISCOVERY_TOKEN"))));

    @Test
    void pluginsBecomeInitContainersAndSidecars() throws IOException {
        golden("web-plugins.yaml", WITH_PLUGINS);
        org.junit.jupiter.api.Assertions.assertNotEquals(Manifests.fingerprint(WEB, "kato-shop",
                Manifests.Layout.DEFAULT), Manifests.fingerprint(WITH_PLUGINS, "kato-shop", Manifests.Layout.DEFAULT),
                "installing a plugin is a change to apply");
    }

    @Test
    void aStatelessComponent() throws IOException {
        golden("web.yaml", WEB);
    }

    @Test
    void aStatefulComponentThatIsStopped() throws IOException {
        golden("db.yaml", DB);
    }

    private static void golden(String file, Deployment d) throws IOException {
        String yaml = new KubernetesSerialization().asYaml(new KubernetesListBuilder()
                .withItems(Manifests.render(d, "kato-shop")).build());
        Path source = Path.of("src/test/resources/golden", file);
        if (Boolean.getBoolean("kato.golden.write")) {
            Files.writeString(source, yaml);
        }
        String expected;
        try (InputStream in = ManifestsTest.class.getResourceAsStream("/golden/" + file)) {
            expected = in == null ? "(no golden file " + file + ")" : new String(in.readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        assertEquals(expected, yaml);
    }
}
