package io.kato.plugin.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginRendering;
import io.kato.api.plugin.PluginType;
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
}
