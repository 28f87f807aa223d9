package io.kato.api.build;

import java.util.List;
import java.util.Map;

/**
 * How to turn a source tree into a runnable artifact, independent of where it runs.
 *
 * @param strategy     the strategy that made the plan
 * @param steps        commands to run in order; the build fails at the first that fails
 * @param artifact     path of the result relative to the workspace (a jar, a folder)
 * @param startCommand how an instance starts from the artifact ({@code PORT} is set)
 * @param probes       default health probes for the built service
 * @param container    how a cluster build makes an image from the same source
 */
public record BuildPlan(String strategy, List<Step> steps, String artifact, List<String> startCommand,
                        List<ProbeSpec> probes, ContainerRecipe container) {
    public BuildPlan {
        steps = List.copyOf(steps);
        startCommand = List.copyOf(startCommand);
        probes = List.copyOf(probes);
    }

    /**
     * One command: argv (no shell), extra env, and the folder relative to the workspace.
     * In argv and env values, {@value #CACHE} stands for the component's cache folder,
     * kept between its builds (a package manager's download cache, say).
     */
    public record Step(String name, List<String> argv, Map<String, String> env, String workdir) {
        /** Replaced by the runtime with the component's cache folder. */
        public static final String CACHE = "{cache}";

        public Step {
            argv = List.copyOf(argv);
            env = Map.copyOf(env);
        }
    }

    /**
     * An image recipe for cluster builds: a base image and the Dockerfile instructions
     * that follow it, the source being the build context.
     */
    public record ContainerRecipe(String baseImage, List<String> instructions) {
        public ContainerRecipe {
            instructions = List.copyOf(instructions);
        }
    }
}
