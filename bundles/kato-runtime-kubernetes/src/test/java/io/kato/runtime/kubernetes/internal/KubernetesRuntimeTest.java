package io.kato.runtime.kubernetes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kato.api.runtime.Observation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime against Fabric8's mock API server in CRUD mode (objects are stored and
 * watched as by a real API server; no kubelet runs pods, so a test plays the kubelet by
 * writing pods with their status).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRuntimeTest {
    static KubernetesClient client;
    static io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server;
    private KubernetesRuntime runtime;

    @BeforeEach
    void start() {
        runtime = new KubernetesRuntime(client, "kato-");
    }

    @AfterEach
    void stop() {
        runtime.purge(ManifestsTest.WEB.componentId());
        runtime.purge(ManifestsTest.DB.componentId());
        runtime.close();
    }

    @Test
    void aThirdPartyComponentIsAServiceWithoutSelectorFollowingItsReadyEndpoints() {
        io.kato.api.model.Port mysql = new io.kato.api.model.Port(3306, io.kato.api.model.Protocol.MYSQL, "MYSQL", true,
                false);
        String id = "c0ffee00-0000-4000-8000-00000000000d";
        assertEquals("mysql.kato-shop.svc:3306", runtime.externalAddress(id, "mysql", "shop", 3306));
        try {
            runtime.applyExternal(new io.kato.api.runtime.ExternalService(id, "mysql", "shop", mysql,
                    java.util.List.of("10.0.0.5:3306", "10.0.0.6:3306", "10.0.0.7:3307")));
            var service = client.services().inNamespace("kato-shop").withName("mysql").get();
            assertEquals(null, service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty()
                    ? null : service.getSpec().getSelector(), "no selector: Kato keeps its endpoints");
            var endpoints = client.endpoints().inNamespace("kato-shop").withName("mysql").get();
            assertEquals(2, endpoints.getSubsets().size(), "one subset per port");
            assertEquals(java.util.List.of("10.0.0.5", "10.0.0.6"), endpoints.getSubsets().get(0).getAddresses().stream()
                    .map(io.fabric8.kubernetes.api.model.EndpointAddress::getIp).toList());
            String version = service.getMetadata().getResourceVersion();
            runtime.applyExternal(new io.kato.api.runtime.ExternalService(id, "mysql", "shop", mysql,
                    java.util.List.of("10.0.0.7:3307", "10.0.0.5:3306", "10.0.0.6:3306").stream().sorted().toList()));
            runtime.applyExternal(new io.kato.api.runtime.ExternalService(id, "mysql", "shop", mysql,
                    java.util.List.of("10.0.0.5:3306", "10.0.0.6:3306", "10.0.0.7:3307")));
            assertEquals(version, client.services().inNamespace("kato-shop").withName("mysql").get().getMetadata()
                    .getResourceVersion(), "unchanged: not written again");
            runtime.applyExternal(new io.kato.api.runtime.ExternalService(id, "mysql", "shop", mysql,
                    java.util.List.of("10.0.0.5:3306")));
            assertEquals(1, client.endpoints().inNamespace("kato-shop").withName("mysql").get().getSubsets().get(0)
                    .getAddresses().size(), "an endpoint that went offline leaves");
            runtime.applyExternal(new io.kato.api.runtime.ExternalService(id, "mysql", "shop", mysql,
                    java.util.List.of("db.example.org:3306")));
            var named = client.services().inNamespace("kato-shop").withName("mysql").get();
            assertEquals("ExternalName", named.getSpec().getType());
            assertEquals("db.example.org", named.getSpec().getExternalName());
            assertEquals(null, client.endpoints().inNamespace("kato-shop").withName("mysql").get());
        } finally {
            runtime.purge(id);
        }
        assertEquals(null, client.services().inNamespace("kato-shop").withName("mysql").get(), "purged");
    }

    /** A pod with a sidecar has two logs: the instance's is the main container's, a plugin's its own. */
    @Test
    void aPodWithPluginsGivesTheMainContainersLogOrAPluginsOwn() throws Exception {
        io.kato.api.runtime.Deployment d = ManifestsTest.WEB;
        Map<String, String> labels = Map.of(Manifests.MANAGED_BY, Manifests.KATO, Manifests.COMPONENT,
                d.componentId(), Manifests.VERSION, d.versionId());
        client.pods().inNamespace("kato-shop").resource(new PodBuilder().withNewMetadata().withName("web-p")
                .withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("main")
                .withImage(d.artifact()).endContainer().addNewContainer().withName("plugin-logs").withImage("x")
                .endContainer().endSpec().build()).create();
        await("the pod", () -> runtime.observe(d.componentId()).instances().size() == 1);
        server.expect().get().withPath("/api/v1/namespaces/kato-shop/pods/web-p/log?pretty=false&container=main"
                + "&tailLines=5").andReturn(200, "from main\n").always();
        server.expect().get().withPath("/api/v1/namespaces/kato-shop/pods/web-p/log?pretty=false"
                + "&container=plugin-logs&tailLines=5").andReturn(200, "from the sidecar\n").always();
        assertEquals(List.of("from main"), runtime.logTail(d.componentId(), "web-p", 5));
        assertEquals(List.of("from the sidecar"), runtime.logTail(d.componentId(), "web-p", "logs", 5));
        client.pods().inNamespace("kato-shop").withName("web-p").delete();
        await("the pod gone", () -> runtime.observe(d.componentId()).instances().isEmpty());
    }

    @Test
    void anUnreachableClusterIsDownNotAnError() throws Exception {
        int closed;
        try (var s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        KubernetesClient away = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:" + closed)
                        .withRequestTimeout(500).withConnectionTimeout(500).withRequestRetryBackoffLimit(0).build())
                .build();
        KubernetesRuntime lost = new KubernetesRuntime(away, "kato-");
        try {
            assertFalse(lost.health().up());
            assertTrue(lost.health().message().contains("cannot be reached"), lost.health().message());
            assertFalse(lost.observe(ManifestsTest.WEB.componentId()).known(), "nothing seen, nothing thrown");
            var failure = org.junit.jupiter.api.Assertions.assertThrows(io.kato.api.runtime.RuntimeFailure.class,
                    () -> lost.apply(ManifestsTest.WEB));
            assertTrue(failure.getMessage().contains("cannot be reached"), failure.getMessage());
        } finally {
            lost.close();
        }
    }

    /** An API server that refuses Kato's account everything, as RBAC does in a namespace it was not granted. */
    @Test
    void aForbiddenNamespaceIsAFailureThatSaysWhatToGrant() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                    + "\"namespaces \\\"kato-shop\\\" is forbidden: User \\\"system:serviceaccount:kato:kato\\\" cannot"
                    + " patch resource\",\"reason\":\"Forbidden\",\"code\":403}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        KubernetesClient refusing = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:"
                        + server.getAddress().getPort()).withRequestRetryBackoffLimit(0).build()).build();
        KubernetesRuntime forbidden = new KubernetesRuntime(refusing, "kato-");
        try {
            var failure = org.junit.jupiter.api.Assertions.assertThrows(io.kato.api.runtime.RuntimeFailure.class,
                    () -> forbidden.apply(ManifestsTest.WEB));
            assertTrue(failure.getMessage().startsWith("The cluster forbids Kato to apply component 'web' in"
                    + " namespace kato-shop: grant its account rights in that namespace"), failure.getMessage());
            assertTrue(failure.getMessage().contains("cannot patch resource"), failure.getMessage());
            assertFalse(forbidden.health().up(), "its watch is refused too");
        } finally {
            forbidden.close();
            refusing.close();
            server.stop(0);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static Deployment web() {
        return client.apps().deployments().inNamespace("kato-shop").withName("web").get();
    }

    @Test
    void applyScaleUpgradeStopAndRemove() throws Exception {
        io.kato.api.runtime.Deployment d = ManifestsTest.WEB.with(ManifestsTest.WEB.secretEnv(),
                ManifestsTest.WEB.volumes(), null, ManifestsTest.WEB.routes()); // its instance count, no autoscaler
        runtime.apply(d);
        assertEquals("kato", client.namespaces().withName("kato-shop").get().getMetadata().getLabels()
                .get("app.kubernetes.io/managed-by"));
        assertEquals(3, web().getSpec().getReplicas());
        assertEquals("cGE1NQ==", client.secrets().inNamespace("kato-shop").withName("web-env").get().getData()
                .get("DB_PASSWORD"), "pa55");
        assertEquals(8080, client.services().inNamespace("kato-shop").withName("web").get().getSpec().getPorts()
                .get(0).getPort());

        await("the applied workload to be seen", () -> runtime.observe(d.componentId()).known());
        String resourceVersion = web().getMetadata().getResourceVersion();
        runtime.apply(d);
        assertEquals(resourceVersion, web().getMetadata().getResourceVersion(), "unchanged: nothing written");
        runtime.apply(withInstances(d, 1, d.versionId(), d.revision()));
        assertEquals(1, web().getSpec().getReplicas(), "scaled");
        runtime.apply(withInstances(d, 1, "0ther000-0000-4000-8000-000000000009", 5));
        assertEquals("0ther000-0000-4000-8000-000000000009", web().getSpec().getTemplate().getMetadata().getLabels()
                .get(Manifests.VERSION), "upgraded: a new pod template rolls out");
        assertEquals("5", web().getSpec().getTemplate().getMetadata().getAnnotations().get(Manifests.REVISION));
        await("the workload to be seen", () -> "0ther000-0000-4000-8000-000000000009".equals(
                runtime.observe(d.componentId()).versionId()));
        assertEquals(5, runtime.observe(d.componentId()).revision());

        runtime.apply(new io.kato.api.runtime.Deployment(d.componentId(), d.name(), d.team(), d.versionId(),
                d.artifact(), d.startCommand(), false, 3, d.memoryMb(), d.deployType(), d.ports(), d.env(), d.probes(),
                d.revision()));
        assertEquals(0, web().getSpec().getReplicas(), "stopped: kept, with no pods");

        runtime.remove(d.componentId());
        assertNull(web());
        assertNull(client.secrets().inNamespace("kato-shop").withName("web-env").get());
        assertNull(client.services().inNamespace("kato-shop").withName("web").get());
        await("the removal to be seen", () -> !runtime.observe(d.componentId()).known());
    }

    @Test
    void volumesRoutesAndAutoscalingAreAppliedPrunedAndOnlyAPurgeDropsData() throws Exception {
        io.kato.api.runtime.Deployment d = ManifestsTest.WEB;
        runtime.apply(d);
        var ns = client.resources(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class).inNamespace("kato-shop");
        assertNull(web().getSpec().getReplicas(), "the autoscaler owns the replicas");
        var hpa = client.resources(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class)
                .inNamespace("kato-shop").withName("web").get();
        assertEquals(6, hpa.getSpec().getMaxReplicas());
        assertEquals("2048Mi", ns.withName("web-uploads").get().getSpec().getResources().getRequests().get("storage")
                .toString());
        assertEquals("listen 8080\n", client.configMaps().inNamespace("kato-shop").withName("web-files").get()
                .getData().get("conf"));
        var ingresses = client.network().v1().ingresses().inNamespace("kato-shop");
        assertEquals(2, ingresses.withName("web").get().getSpec().getRules().size());
        assertEquals("20", ingresses.withName("web-canary-1").get().getMetadata().getAnnotations()
                .get("nginx.ingress.kubernetes.io/canary-weight"));
        assertEquals("kubernetes.io/tls", client.secrets().inNamespace("kato-shop").list().getItems().stream()
                .filter(x -> x.getMetadata().getName().startsWith("web-tls-")).findFirst().orElseThrow().getType());

        // the canary's rule, the memory volume and the autoscaler go; the config file changes
        runtime.apply(d.with(d.secretEnv(), List.of(d.volumes().get(0), new io.kato.api.model.Volume("conf",
                io.kato.api.model.VolumeType.CONFIG_FILE, "/etc/web/web.conf", null, "listen 9000\n")), null,
                d.routes().subList(0, 2)));
        assertNull(ingresses.withName("web-canary-1").get(), "pruned with its route");
        assertNull(client.resources(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class)
                .inNamespace("kato-shop").withName("web").get());
        assertEquals(3, web().getSpec().getReplicas(), "its instance count again");
        assertEquals(2, web().getSpec().getTemplate().getSpec().getVolumes().size());
        assertEquals("listen 9000\n", client.configMaps().inNamespace("kato-shop").withName("web-files").get()
                .getData().get("conf"));
        assertNotNull(ns.withName("web-uploads").get());

        runtime.apply(d.with(d.secretEnv(), List.of(), null, List.of()));
        assertNull(ns.withName("web-uploads").get(), "a removed volume's claim goes with it");
        runtime.apply(d);
        runtime.remove(d.componentId());
        assertNull(web());
        assertNull(ingresses.withName("web").get());
        assertNull(client.configMaps().inNamespace("kato-shop").withName("web-files").get());
        assertNotNull(ns.withName("web-uploads").get(), "a stopped component keeps its data");
        runtime.purge(d.componentId());
        assertNull(ns.withName("web-uploads").get(), "a deleted one does not");
    }

    @Test
    void aComponentThatBecomesStatefulLeavesNoDeploymentBehind() {
        io.kato.api.runtime.Deployment d = ManifestsTest.WEB;
        runtime.apply(d);
        runtime.apply(new io.kato.api.runtime.Deployment(d.componentId(), d.name(), d.team(), d.versionId(),
                d.artifact(), d.startCommand(), true, 1, d.memoryMb(), io.kato.api.model.DeployType.STATEFUL_SINGLE,
                List.of(), d.env(), d.probes(), d.revision()));
        assertNull(web(), "the Deployment went with the change");
        assertEquals(1, client.apps().statefulSets().inNamespace("kato-shop").withName("web").get().getSpec()
                .getReplicas());
        assertNull(client.services().inNamespace("kato-shop").withName("web").get(), "no ports, no Service");
    }

    @Test
    void statefulComponentsAreStatefulSets() {
        runtime.apply(ManifestsTest.DB);
        var set = client.apps().statefulSets().inNamespace("kato-shop").withName("db").get();
        assertEquals("db-pods", set.getSpec().getServiceName());
        assertEquals("None", client.services().inNamespace("kato-shop").withName("db-pods").get().getSpec()
                .getClusterIP());
        runtime.remove(ManifestsTest.DB.componentId());
        assertNull(client.apps().statefulSets().inNamespace("kato-shop").withName("db").get());
    }

    @Test
    void podsAreObservedAsInstances() throws Exception {
        io.kato.api.runtime.Deployment d = ManifestsTest.WEB;
        runtime.apply(d);
        Map<String, String> labels = Map.of(Manifests.MANAGED_BY, Manifests.KATO, Manifests.COMPONENT,
                d.componentId(), Manifests.VERSION, d.versionId());
        // what a kubelet would report: one pod ready, one crash-looping
        client.pods().inNamespace("kato-shop").resource(new PodBuilder().withNewMetadata().withName("web-a")
                .withLabels(labels).withAnnotations(Map.of(Manifests.REVISION, "4")).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(d.artifact()).addNewPort()
                .withContainerPort(8080).endPort().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.1.0.7").addNewCondition().withType("Ready")
                .withStatus("True").endCondition().addNewContainerStatus().withName("main").withRestartCount(0)
                .endContainerStatus().endStatus().build()).create();
        client.pods().inNamespace("kato-shop").resource(new PodBuilder().withNewMetadata().withName("web-b")
                .withLabels(labels).withAnnotations(Map.of(Manifests.REVISION, "4")).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(d.artifact()).endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("main").withRestartCount(4)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").withMessage("back-off 40s")
                .endWaiting().endState().endContainerStatus().endStatus().build()).create();
        await("two pods", () -> runtime.observe(d.componentId()).instances().size() == 2);
        Observation o = runtime.observe(d.componentId());
        assertEquals(d.versionId(), o.versionId());
        assertEquals(4, o.revision());
        Observation.Instance a = o.instances().get(0);
        assertTrue(a.ready());
        assertEquals("10.1.0.7:8080", a.address());
        Observation.Instance b = o.instances().get(1);
        assertFalse(b.ready());
        assertEquals(4, b.restarts());
        assertEquals("CrashLoopBackOff: back-off 40s", b.message());
        assertEquals(1, o.ready());
        assertFalse(o.rollingOut());
        client.pods().inNamespace("kato-shop").withName("web-a").delete();
        client.pods().inNamespace("kato-shop").withName("web-b").delete();
    }

    private static io.kato.api.runtime.Deployment withInstances(io.kato.api.runtime.Deployment d, int instances,
                                                                String versionId, long revision) {
        return new io.kato.api.runtime.Deployment(d.componentId(), d.name(), d.team(), versionId, d.artifact(),
                d.startCommand(), true, instances, d.memoryMb(), d.deployType(), d.ports(), d.env(), d.probes(),
                revision);
    }

    @Test
    void runsImagesAndBuildsOnlyWithARegistryToPushTo() throws Exception {
        await("the watch", () -> runtime.health().up());
        assertTrue(runtime.runsImages());
        assertEquals("kubernetes", runtime.name());
        var failure = org.junit.jupiter.api.Assertions.assertThrows(io.kato.api.runtime.RuntimeFailure.class,
                () -> runtime.build(new io.kato.api.runtime.BuildRequest("c", "b", java.nio.file.Path.of("."),
                        java.nio.file.Path.of(".")), new io.kato.api.build.BuildPlan("static", List.of(), ".",
                        List.of(), List.of(), new io.kato.api.build.BuildPlan.ContainerRecipe("nginx", List.of())),
                        line -> { }));
        assertTrue(failure.getMessage().contains("set buildRegistry"), failure.getMessage());
    }
}
