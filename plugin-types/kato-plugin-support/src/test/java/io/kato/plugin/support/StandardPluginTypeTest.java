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
            64, Map.of("MODE", "prod", "LEVEL", "info"), Map.of("LEVEL", "debug", "LISTEN", "15001"), List.of(8080),
            Map.of("db", List.of(5432)));

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
        assertEquals(List.of(8080), r.discovery().get("base_ports"));
        assertEquals(Map.of("db", List.of(5432)), r.discovery().get("downstream"));
    }
}
