package io.kato.api.plugin;

import java.util.List;
import java.util.Map;

/**
 * A plugin version installed on a component, with its configuration resolved: the values
 * the user set on top of the version's defaults, sorted by what they depend on.
 *
 * @param pluginName     the plugin
 * @param artifact       the plugin version's image, pinned to its digest
 * @param memoryMb       the memory the installation runs with
 * @param componentEnv   the main component's runtime env (the shared scope)
 * @param pluginEnv      values of the items injected as env vars (the plugin scope)
 * @param items          values of the items not depending on anything and served by discovery
 * @param ports          the component's ports, each with the values of the items that apply to it
 * @param downstream     the ports of the components this one depends on, each with its values
 */
public record PluginInstallation(String pluginName, String artifact, int memoryMb, Map<String, String> componentEnv,
                                 Map<String, String> pluginEnv, Map<String, String> items, List<PortConfig> ports,
                                 List<DownstreamConfig> downstream) {
    public PluginInstallation {
        componentEnv = Map.copyOf(componentEnv);
        pluginEnv = Map.copyOf(pluginEnv);
        items = Map.copyOf(items);
        ports = List.copyOf(ports);
        downstream = List.copyOf(downstream);
    }

    /** Never shows env values: they may be secrets. */
    @Override
    public String toString() {
        return "PluginInstallation[" + pluginName + " " + artifact + ", " + ports.size() + " ports, "
                + downstream.size() + " downstream]";
    }

    /**
     * One port of the component.
     *
     * @param port     the container port
     * @param protocol its wire name ({@code http}, {@code tcp})
     * @param values   the items that apply to it
     */
    public record PortConfig(int port, String protocol, Map<String, String> values) {
        public PortConfig {
            values = Map.copyOf(values);
        }
    }

    /**
     * One port of a component this one depends on.
     *
     * @param component the downstream component's name
     * @param port      its port
     * @param protocol  its wire name
     * @param address   host:port this component reaches it at
     * @param values    the items that apply to it
     */
    public record DownstreamConfig(String component, int port, String protocol, String address,
                                   Map<String, String> values) {
        public DownstreamConfig {
            values = Map.copyOf(values);
        }
    }
}
