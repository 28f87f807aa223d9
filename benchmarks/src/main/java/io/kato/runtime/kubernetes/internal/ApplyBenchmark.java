package io.kato.runtime.kubernetes.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.kato.api.model.DeployType;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.runtime.Deployment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders and applies N components with the kubernetes runtime against Fabric8's mock API
 * server (CRUD mode), then runs reconcile passes over the same, unchanged components:
 * each must write nothing. The peer in the same run: the same unchanged pass done the
 * naive way, applying every rendered object again. Writes are counted at the server.
 *
 * <pre>java -cp ... io.kato.runtime.kubernetes.internal.ApplyBenchmark [N] [PASSES]</pre>
 */
public final class ApplyBenchmark {
    private ApplyBenchmark() {
    }

    /** The mock server's dispatcher, counting every request that changes something. */
    static final class CountingDispatcher extends KubernetesCrudDispatcher {
        final AtomicLong writes = new AtomicLong();

        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            writes.incrementAndGet();
            return super.handleCreate(request);
        }

        @Override
        public MockResponse handleUpdate(RecordedRequest request) {
            writes.incrementAndGet();
            return super.handleUpdate(request);
        }

        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            writes.incrementAndGet();
            return super.handlePatch(request);
        }

        @Override
        public MockResponse handleDelete(String path) {
            writes.incrementAndGet();
            return super.handleDelete(path);
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        // the mock server logs every request at INFO: that would be most of what is measured
        java.util.logging.LogManager.getLogManager().reset();
        CountingDispatcher dispatcher = new CountingDispatcher();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            KubernetesRuntime runtime = new KubernetesRuntime(client, "kato-");
            List<Deployment> components = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                components.add(new Deployment(String.format("c0ffee00-0000-4000-8000-%012d", i), "svc-" + i,
                        "team-" + (i % 10), String.format("7e57ab1e-0000-4000-8000-%012d", i),
                        "registry.example.org/shop/svc:" + i, List.of("/srv/run"), true, 2, 256,
                        i % 5 == 0 ? DeployType.STATEFUL_SINGLE : DeployType.STATELESS_MULTIPLE,
                        List.of(new Port(8080, Protocol.HTTP, "SVC", true, true)),
                        Map.of("MODE", "bench", "DB_PASSWORD", "pw-" + i), List.of(), 1)
                        // what a typical component carries: a secret, a config file, a volume, its domain
                        .with(java.util.Set.of("DB_PASSWORD"), List.of(
                                new io.kato.api.model.Volume("conf", io.kato.api.model.VolumeType.CONFIG_FILE,
                                        "/etc/svc/svc.conf", null, "id=" + i + "\n"),
                                new io.kato.api.model.Volume("data", i % 5 == 0 ? io.kato.api.model.VolumeType.LOCAL
                                        : io.kato.api.model.VolumeType.SHARE_FILE, "/srv/data", 1024, null)),
                                null, List.of(new Deployment.Route("svc-" + i + ".kato.example.org", "/", 8080, 100,
                                        true, Map.of(), null, null))));
            }
            long t0 = System.nanoTime();
            long w0 = dispatcher.writes.get();
            components.forEach(runtime::apply);
            System.out.printf("first apply of %d components: %6d ms, %6d writes%n", n,
                    (System.nanoTime() - t0) / 1_000_000, dispatcher.writes.get() - w0);
            // the informers must have seen what was applied before an unchanged pass can tell
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (components.stream().anyMatch(c -> !runtime.observe(c.componentId()).known())
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            for (int pass = 1; pass <= passes; pass++) {
                long t = System.nanoTime();
                long w = dispatcher.writes.get();
                components.forEach(runtime::apply);
                long kato = System.nanoTime() - t;
                long katoWrites = dispatcher.writes.get() - w;
                t = System.nanoTime();
                w = dispatcher.writes.get();
                for (Deployment d : components) { // the peer: apply everything again
                    String ns = runtime.namespace(d.team());
                    List<HasMetadata> objects = Manifests.render(d, ns);
                    objects.get(objects.size() - 1).getMetadata().setAnnotations(Map.of(Manifests.APPLIED,
                            Manifests.fingerprint(d, ns, Manifests.Layout.DEFAULT))); // the same content as Kato's
                    for (HasMetadata m : objects) {
                        client.resource(m).inNamespace(ns).createOr(NonDeletingOperation::update);
                    }
                }
                long naive = System.nanoTime() - t;
                System.out.printf("unchanged pass %d: kato %5d ms, %5d writes | apply-everything %6d ms, %6d writes%n",
                        pass, kato / 1_000_000, katoWrites, naive / 1_000_000, dispatcher.writes.get() - w);
                // the peer's writes changed resource versions, not content: let the informers catch up
                Thread.sleep(500);
            }
            runtime.close();
        } finally {
            server.destroy();
        }
    }
}
