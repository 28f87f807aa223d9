package io.kato.api.model;

import io.kato.api.plugin.PluginType;
import java.util.List;

/**
 * A group of a plugin's variables that depend on the same thing and reach it the same way.
 *
 * @param name      letters, digits, '-' and '_', unique in the plugin
 * @param metadata  what a value is set for: once ({@code none}), per port of the component
 *                  ({@code component_port}) or per port of each component it depends on
 *                  ({@code downstream_port}); the plugin's type says which it allows
 * @param injection {@code env} (env vars of the plugin's container; only for {@code none})
 *                  or {@code discovery} (served by the discovery endpoint)
 * @param items     the variables
 */
public record PluginConfigGroup(String name, PluginType.DependentMetadata metadata, PluginType.Injection injection,
                                List<PluginConfigItem> items) {
    public PluginConfigGroup {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
