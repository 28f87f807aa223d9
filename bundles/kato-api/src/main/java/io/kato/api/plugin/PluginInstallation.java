package io.kato.api.plugin;

import java.util.List;
import java.util.Map;

/**
 * A plugin version installed on a component, with its resolved configuration.
 *
 * @param pluginName    the plugin
 * @param image         the plugin version's image or local command
 * @param memoryMb      its memory
 * @param componentEnv  the main component's env (the shared scope)
 * @param pluginEnv     variables only the plugin sees
 * @param componentPorts ports of the main component
 * @param downstream    ports of the components it depends on, keyed by component name
 */
public record PluginInstallation(String pluginName, String image, int memoryMb, Map<String, String> componentEnv,
                                 Map<String, String> pluginEnv, List<Integer> componentPorts,
                                 Map<String, List<Integer>> downstream) {
}
