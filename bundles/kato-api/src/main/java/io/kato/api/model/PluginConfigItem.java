package io.kato.api.model;

import java.util.List;

/**
 * One variable of a plugin.
 *
 * @param name         its name; an env var name for env-injected groups
 * @param protocol     for port-dependent groups, the only protocol of port it applies to
 *                     (null: every port)
 * @param type         free text, one of {@code allowed}, or several of them (comma-separated)
 * @param allowed      the values to choose from ({@code single}, {@code multiple})
 * @param defaultValue the value when the user sets none
 * @param changeable   whether users installing the plugin may set it (default true)
 * @param description  what it does, shown to those users
 */
public record PluginConfigItem(String name, Protocol protocol, ParamType type, List<String> allowed,
                               String defaultValue, Boolean changeable, String description) {
    public PluginConfigItem {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    /** Whether the user may set a value; unset means yes. */
    public boolean userMayChange() {
        return changeable == null || changeable;
    }

    /** How a value is chosen. */
    public enum ParamType {
        STRING, SINGLE, MULTIPLE;

        @Override
        public String toString() {
            return WireEnum.name(this);
        }
    }
}
