package io.kato.api.plugin;

import java.util.List;
import java.util.Map;

/**
 * What a runtime needs to run one installation.
 *
 * @param env       env vars of the plugin container or process
 * @param args      arguments of the plugin container, after its image's entrypoint (empty: the image's own)
 * @param discovery what the discovery endpoint serves the plugin (active discovery), or empty
 */
public record PluginRendering(Map<String, String> env, List<String> args, Map<String, Object> discovery) {
    public PluginRendering {
        env = Map.copyOf(env);
        args = List.copyOf(args);
        discovery = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(discovery)); // in order
    }

    @Override
    public String toString() {
        return "PluginRendering[" + env.size() + " env vars, args " + args + "]";
    }
}
