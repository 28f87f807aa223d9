package io.kato.api.model;

import java.time.Instant;
import java.util.Map;

/**
 * A plugin installed on a component.
 *
 * @param plugin     the plugin's name
 * @param version    the version installed (default: the newest that built)
 * @param type       the plugin's type
 * @param enabled    whether it runs (default true); a disabled plugin keeps its values
 * @param memoryMb   memory it runs with, at least the version's (default: the version's)
 * @param values     values of the items depending on nothing, by item name
 * @param ports      values of the component-port items, by port number
 * @param downstream values of the downstream-port items, by {@code component:port}
 * @param state      {@code active}, {@code disabled}, or {@code type_unavailable} when no
 *                   bundle of its type is installed (it does not run until one is)
 */
public record PluginInstall(String plugin, Integer version, String type, Boolean enabled, Integer memoryMb,
                            Map<String, String> values, Map<String, Map<String, String>> ports,
                            Map<String, Map<String, String>> downstream, String state, Instant updatedAt) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    public static final String TYPE_UNAVAILABLE = "type_unavailable";

    public PluginInstall {
        // copies that keep null values: the service names them in its error, where Map.copyOf would just fail
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
        ports = ports == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(ports));
        downstream = downstream == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(downstream));
    }

    /** Whether it should run, the default being yes. */
    public boolean wanted() {
        return enabled == null || enabled;
    }
}
