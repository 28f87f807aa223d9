package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginRendering;
import io.kato.api.plugin.PluginType;
import io.kato.api.service.PluginTypeRegistry.PluginTypeInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class PluginTypeRegistryTest {
    private static PluginType type(String name, PluginType.ContainerRole containerRole, Set<String> excludes) {
        return new PluginType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ContainerRole role() {
                return containerRole;
            }

            @Override
            public Set<DependentMetadata> allowedMetadata() {
                return Set.of(DependentMetadata.NONE, DependentMetadata.COMPONENT_PORT);
            }

            @Override
            public Set<Injection> allowedInjections() {
                return Set.of(Injection.ENV);
            }

            @Override
            public Set<String> excludes() {
                return excludes;
            }

            @Override
            public PluginRendering render(PluginInstallation installation) {
                return new PluginRendering(Map.of(), List.of(), Map.of());
            }
        };
    }

    private static Map<String, Object> props(long id, int ranking) {
        return Map.of(Constants.SERVICE_ID, id, Constants.SERVICE_RANKING, ranking);
    }

    @Test
    void oneTypePerNameByRankingThenAgeAndTheNextTakesOverWhenItGoes() {
        PluginTypeRegistryImpl registry = new PluginTypeRegistryImpl();
        PluginType first = type("init", PluginType.ContainerRole.INIT, Set.of());
        PluginType better = type("init", PluginType.ContainerRole.SIDECAR, Set.of("general"));
        registry.addType(type("general", PluginType.ContainerRole.SIDECAR, Set.of()), props(3, 0));
        registry.addType(first, props(5, 0));
        registry.addType(better, props(7, 10));
        List<PluginTypeInfo> listed = registry.pluginTypes();
        assertEquals(List.of("general", "init"), listed.stream().map(PluginTypeInfo::name).toList());
        assertEquals("sidecar", listed.get(1).role(), "the higher ranking wins");
        assertEquals(List.of("none", "component_port"), listed.get(1).allowedMetadata(), "in declaration order");
        assertEquals(List.of("general"), listed.get(1).excludes());
        registry.removeType(better, props(7, 10));
        assertEquals("init", registry.pluginTypes().get(1).role(), "the other one takes over");
        assertTrue(registry.byName("init").isPresent());
        registry.removeType(first, props(5, 0));
        assertTrue(registry.byName("init").isEmpty());
    }
}
