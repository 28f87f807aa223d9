package io.kato.plugin.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.ValidationException;
import io.kato.api.gateway.GatewayPolicy;
import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginRendering;
import io.kato.api.plugin.PluginType;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandardPluginTypeTest {
    private static final PluginInstallation INSTALLED = new PluginInstallation("proxy", "registry.example.org/proxy:1",
            64, Map.of("MODE", "prod", "LEVEL", "info"), Map.of("LEVEL", "debug", "LISTEN", "15001"),
            Map.of("SAMPLE", "0.5"),
            List.of(new PluginInstallation.PortConfig(8080, "http", Map.of("LIMIT", "100"))),
            List.of(new PluginInstallation.DownstreamConfig("db", 5432, "mysql", "127.0.0.1:40123",
                    Map.of("TIMEOUT", "3s"))));

    private static StandardPluginType type(Set<PluginType.Injection> injections) {
        return new StandardPluginType("t", PluginType.ContainerRole.SIDECAR,
                Set.of(PluginType.DependentMetadata.NONE), injections, Set.of()) {
        };
    }

    @Test
    void thePluginSeesTheComponentsEnvWithItsOwnOnTop() {
        PluginRendering r = type(Set.of(PluginType.Injection.ENV)).render(INSTALLED);
        assertEquals(Map.of("MODE", "prod", "LEVEL", "debug", "LISTEN", "15001"), r.env(), "the plugin scope wins");
        assertTrue(r.discovery().isEmpty(), "a type without active discovery is served nothing");
    }

    @Test
    void aDiscoveringTypeIsServedThePortsItMayDependOn() {
        PluginRendering r = type(Set.of(PluginType.Injection.ENV, PluginType.Injection.DISCOVERY)).render(INSTALLED);
        assertEquals(List.of(Map.of("port", 8080, "protocol", "http", "options", Map.of("LIMIT", "100"))),
                r.discovery().get("base_ports"));
        assertEquals(List.of(Map.of("service", "db", "port", 5432, "protocol", "mysql", "address", "127.0.0.1:40123",
                "options", Map.of("TIMEOUT", "3s"))), r.discovery().get("base_services"));
        assertEquals(Map.of("options", Map.of("SAMPLE", "0.5")), r.discovery().get("base_normal"));
        assertEquals(List.of("base_ports", "base_services", "base_normal"), List.copyOf(r.discovery().keySet()),
                "served in a stable order");
    }

    private static PluginInstallation inbound(Map<String, String> env, Map<String, String> items) {
        return new PluginInstallation("guard", null, 16, Map.of("RATE_LIMIT", "1"), env, items, List.of(), List.of());
    }

    @Test
    void inboundRulesComeFromTheItemsByEnvOrDiscovery() throws Exception {
        GatewayPolicy p = StandardPluginType.inboundRules(inbound(Map.of("RATE_LIMIT", "20", "DENY", "10.9.0.0/16"),
                Map.of("ALLOW", "10.0.0.0/8, 192.168.1.7 fd00::/8")));
        assertEquals(20, p.requestsPerSecond());
        assertEquals(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"), p.allow());
        assertTrue(p.admits(InetAddress.getByName("10.1.2.3")));
        assertFalse(p.admits(InetAddress.getByName("10.9.2.3")), "deny wins over allow");
        assertFalse(p.admits(InetAddress.getByName("192.168.1.8")), "outside a non-empty allow list");
        assertTrue(p.admits(InetAddress.getByName("fd12::1")));
        assertTrue(p.admits(InetAddress.getByName("::ffff:10.1.2.3")), "an IPv4 client seen through IPv6");
        GatewayPolicy none = StandardPluginType.inboundRules(inbound(Map.of(), Map.of()));
        assertEquals(0, none.requestsPerSecond(), "the component's own env is not the plugin's config");
        assertTrue(none.admits(InetAddress.getByName("203.0.113.9")));
    }

    @Test
    void inboundValuesTheGatewayCannotApplyAreRefusedByItem() {
        for (Map<String, String> bad : List.of(Map.of("RATE_LIMIT", "fast"), Map.of("RATE_LIMIT", "-1"),
                Map.of("ALLOW", "example.org"), Map.of("DENY", "10.0.0.0/33"), Map.of("DENY", "10.0.0.1, 300.1.1.1"),
                Map.of("ALLOW", "bad.cafe"), Map.of("ALLOW", "10.1/16"))) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> StandardPluginType.inboundRules(inbound(bad, Map.of())), bad.toString());
            assertTrue(e.getMessage().contains(bad.keySet().iterator().next()), e.getMessage());
        }
    }
}
