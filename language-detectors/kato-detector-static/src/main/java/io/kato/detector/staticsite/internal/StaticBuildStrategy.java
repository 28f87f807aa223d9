package io.kato.detector.staticsite.internal;

import io.kato.api.build.BuildContext;
import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildPlanException;
import io.kato.api.build.BuildStrategy;
import io.kato.api.build.ProbeSpec;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Builds a static site: nothing to run, the site's folder ({@code BUILD_STATIC_DIR}, as the
 * detector found it or the user set it) is the artifact, served by the platform on port 80;
 * a cluster build copies it into an nginx image.
 */
@Component(property = "service.ranking:Integer=10")
public class StaticBuildStrategy implements BuildStrategy {
    @Override
    public String name() {
        return "static";
    }

    @Override
    public boolean supports(BuildContext context) {
        return context.detection().language().equals(StaticDetector.ID);
    }

    @Override
    public BuildPlan plan(BuildContext context) {
        String root = context.buildEnv().getOrDefault(StaticDetector.STATIC_DIR_ENV,
                context.detection().env().getOrDefault(StaticDetector.STATIC_DIR_ENV, "."));
        if (root.startsWith("/") || root.contains("..")) {
            throw new BuildPlanException(StaticDetector.STATIC_DIR_ENV + " must be a folder inside the repository,"
                    + " not '" + root + "'");
        }
        if (!root.equals(".") && context.tree().files().stream().noneMatch(f -> f.path().startsWith(root + "/"))) {
            throw new BuildPlanException("The site folder '" + root + "' (" + StaticDetector.STATIC_DIR_ENV
                    + ") holds no files");
        }
        ProbeSpec http = new ProbeSpec(ProbeSpec.Purpose.READINESS, ProbeSpec.Kind.HTTP, StaticDetector.PORT, "/", 0,
                5, 2, 1, 3);
        return new BuildPlan(name(), List.of(), root, List.of(), List.of(http),
                new BuildPlan.ContainerRecipe("nginx:1.27-alpine",
                        List.of("COPY " + root + " /usr/share/nginx/html")));
    }
}
