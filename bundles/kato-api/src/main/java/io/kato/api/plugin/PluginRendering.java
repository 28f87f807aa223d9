package io.kato.api.plugin;

import java.util.List;
import java.util.Map;

/**
 * What a runtime needs to run one installation.
 *
 * @param env       env vars of the plugin container
 * @param args      arguments of the plugin container
 * @param discovery config served to the plugin by the discovery endpoint (active discovery), or empty
 */
public record PluginRendering(Map<String, String> env, List<String> args, Map<String, Object> discovery) {
}
