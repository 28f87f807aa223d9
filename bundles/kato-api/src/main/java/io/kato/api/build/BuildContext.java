package io.kato.api.build;

import io.kato.api.detect.Detection;
import io.kato.api.detect.SourceTree;
import java.util.Map;

/**
 * What a strategy plans from.
 *
 * @param tree        the index of the checked-out source (the build path, when one was set)
 * @param detection   what the primary detector reported at source-check time
 * @param buildEnv    build-scope env vars of the component ({@code BUILD_MAVEN_GOALS}…)
 * @param environment the team's environment name ({@code DEV}, {@code PROD})
 */
public record BuildContext(SourceTree tree, Detection detection, Map<String, String> buildEnv, String environment) {
    public BuildContext {
        buildEnv = Map.copyOf(buildEnv);
    }
}
