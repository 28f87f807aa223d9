package io.kato.api.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * One build: which component, the workspace with the checked-out source, the cache folder
 * kept between builds of the same component, and the component's build-scope env vars
 * (secrets opened), which every step gets beneath the plan's own env.
 */
public record BuildRequest(String componentId, String buildId, Path workspace, Path cache, Map<String, String> env) {
    public BuildRequest {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public BuildRequest(String componentId, String buildId, Path workspace, Path cache) {
        this(componentId, buildId, workspace, cache, Map.of());
    }
}
