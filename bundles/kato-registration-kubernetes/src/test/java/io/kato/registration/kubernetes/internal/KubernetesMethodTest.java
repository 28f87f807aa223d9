package io.kato.registration.kubernetes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kato.api.thirdparty.RegistrationMethod.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Against Fabric8's mock API server in CRUD mode: a Service's Endpoints created, changed and deleted. */
@EnableKubernetesMockClient(crud = true)
class KubernetesMethodTest {
    static KubernetesClient client;

    private static Endpoints endpoints(List<String> ready, List<String> notReady) {
        return new EndpointsBuilder().withNewMetadata().withName("mysql").withNamespace("legacy").endMetadata()
                .addNewSubset().withAddresses(ready.stream().map(ip -> new EndpointAddressBuilder().withIp(ip).build())
                        .toList()).withNotReadyAddresses(notReady.stream().map(ip -> new EndpointAddressBuilder()
                        .withIp(ip).build()).toList())
                .addNewPort().withName("mysql").withPort(3306).endPort().addNewPort().withName("metrics")
                .withPort(9104).endPort().endSubset().build();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aServicesEndpointsAreFollowedReadyOnesOnline() throws Exception {
        KubernetesMethod method = new KubernetesMethod(client);
        client.endpoints().inNamespace("legacy").resource(endpoints(List.of("10.0.0.5"), List.of("10.0.0.6")))
                .create();
        List<List<Endpoint>> pushed = new CopyOnWriteArrayList<>();
        try (AutoCloseable handle = method.start("c1", Map.of("namespace", "legacy", "service", "mysql", "port",
                "mysql"), 5432, pushed::add)) {
            await("the first list", () -> !pushed.isEmpty());
            assertEquals(List.of(new Endpoint("10.0.0.5", 3306, true), new Endpoint("10.0.0.6", 3306, false)),
                    pushed.get(0));
            client.endpoints().inNamespace("legacy").resource(endpoints(List.of("10.0.0.5", "10.0.0.6"), List.of()))
                    .update();
            await("the change", () -> pushed.get(pushed.size() - 1).equals(List.of(new Endpoint("10.0.0.5", 3306,
                    true), new Endpoint("10.0.0.6", 3306, true))));
            client.endpoints().inNamespace("legacy").withName("mysql").delete();
            await("the deletion", () -> pushed.get(pushed.size() - 1).isEmpty());
        }
    }

    @Test
    void portsAreChosenByNameOrNumberAndConfigIsCheckedWithoutTheCluster() {
        Endpoints e = endpoints(List.of("10.0.0.5"), List.of());
        assertEquals(9104, KubernetesMethod.endpoints(e, "9104", 1).get(0).port());
        assertEquals(3306, KubernetesMethod.endpoints(e, "mysql", 1).get(0).port());
        assertEquals(1, KubernetesMethod.endpoints(e, "other", 1).get(0).port(), "two ports, none named: the component's");
        KubernetesMethod method = new KubernetesMethod(client);
        assertEquals(List.of(), method.validate(Map.of("namespace", "legacy", "service", "mysql")));
        assertEquals(2, method.validate(Map.of("namespace", "Legacy_NS")).size(), "a bad namespace and no service");
        assertTrue(method.validate(Map.of("namespace", "a", "service", "b", "selector", "x")).get(0)
                .contains("unknown setting"));
    }
}
