package io.kato.detector.nodejs.internal;

import io.kato.api.build.BuildContext;
import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildPlanException;
import io.kato.api.build.BuildStrategy;
import io.kato.api.build.ProbeSpec;
import java.util.List;
import java.util.Map;

/**
 * Builds Node.js trees with the package manager the detector chose: the install frozen to
 * the lock file, then the build script when there is one, with the package manager's
 * download cache in the component's cache folder. A server starts with the detected start
 * command; a front-end whose output is static ({@code node-static}) is served from its
 * output folder.
 */
@org.osgi.service.component.annotations.Component(property = "service.ranking:Integer=60")
public class NodeBuildStrategy implements BuildStrategy {
    @Override
    public String name() {
        return "node";
    }

    @Override
    public boolean supports(BuildContext context) {
        String language = context.detection().language();
        return language.equals(NodeDetector.ID) || language.equals(NodeDetector.STATIC_ID);
    }

    @Override
    public BuildPlan plan(BuildContext context) {
        String build = context.detection().buildCommand();
        if (build == null || build.isBlank()) {
            throw new BuildPlanException("The check found no way to install this Node.js project: check it again");
        }
        // The detector's command (install && run build) keeps its choice of package manager and flags.
        // No NODE_ENV=production here: package managers would then skip the devDependencies that
        // build scripts need (bundlers, compilers). The component's BUILD_* variables still apply.
        Map<String, String> env = Map.of("npm_config_cache", BuildPlan.Step.CACHE + "/npm",
                "YARN_CACHE_FOLDER", BuildPlan.Step.CACHE + "/yarn",
                "npm_config_store_dir", BuildPlan.Step.CACHE + "/pnpm");
        List<BuildPlan.Step> steps = List.of(new BuildPlan.Step("build", List.of("sh", "-c", build), env, "."));
        String version = context.detection().versions().getOrDefault("node", "20").replaceAll("[^0-9.].*$", "");
        if (context.detection().language().equals(NodeDetector.STATIC_ID)) {
            String out = context.buildEnv().getOrDefault(NodeDetector.STATIC_DIR_ENV,
                    context.detection().env().getOrDefault(NodeDetector.STATIC_DIR_ENV, "dist"));
            return new BuildPlan(name(), steps, out, List.of(), List.of(probe(NodeDetector.STATIC_PORT)),
                    new BuildPlan.ContainerRecipe("nginx:1.27-alpine",
                            List.of("COPY " + out + " /usr/share/nginx/html")));
        }
        String start = context.detection().startCommand();
        if (start == null || start.isBlank()) {
            throw new BuildPlanException("No start command: add a \"start\" script to package.json or a Procfile"
                    + " 'web:' line");
        }
        int port = context.detection().ports().isEmpty() ? NodeDetector.PORT : context.detection().ports().get(0);
        return new BuildPlan(name(), steps, ".", List.of("sh", "-c", start), List.of(probe(port)),
                new BuildPlan.ContainerRecipe("node:" + (version.isEmpty() ? "20" : version) + "-alpine",
                        List.of("COPY . /app", "WORKDIR /app", "RUN " + build, "CMD " + start)));
    }

    private static ProbeSpec probe(int port) {
        return new ProbeSpec(ProbeSpec.Purpose.READINESS, ProbeSpec.Kind.TCP, port, null, 0, 5, 2, 1, 3);
    }
}
