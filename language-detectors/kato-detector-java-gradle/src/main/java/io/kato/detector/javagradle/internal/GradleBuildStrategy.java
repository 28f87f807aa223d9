package io.kato.detector.javagradle.internal;

import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildStrategy;
import io.kato.api.detect.Detection;
import io.kato.detector.support.build.CommandBuildStrategy;
import java.util.Map;

/**
 * Builds Gradle projects with the project's wrapper or the host's {@code gradle}, Gradle's home (downloads,
 * build cache) in the component's cache folder, without its daemon (a build leaves nothing running).
 */
@org.osgi.service.component.annotations.Component(service = BuildStrategy.class,
        property = "service.ranking:Integer=60")
public class GradleBuildStrategy extends CommandBuildStrategy {
    public GradleBuildStrategy() {
        super("gradle", JavaGradleDetector.ID, JavaGradleDetector.PORT, Map.of(
                "GRADLE_USER_HOME", BuildPlan.Step.CACHE + "/gradle",
                "GRADLE_OPTS", "-Dorg.gradle.daemon=false"));
    }

    @Override
    protected String baseImage(Detection detection) {
        return "gradle:8-jdk" + version(detection, "java", "17");
    }
}
