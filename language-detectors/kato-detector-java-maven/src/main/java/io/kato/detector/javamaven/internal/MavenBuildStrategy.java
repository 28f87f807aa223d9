package io.kato.detector.javamaven.internal;

import io.kato.api.build.BuildContext;
import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildPlanException;
import io.kato.api.build.BuildStrategy;
import io.kato.api.build.ProbeSpec;
import java.util.List;
import java.util.Map;

/**
 * Builds Maven projects with the project's wrapper, or the host's {@code mvn}: the check's
 * build command with the component's own local repository (so a second build downloads
 * nothing). Build env: {@code BUILD_MAVEN_GOALS} replaces the goals and options after
 * {@code -B} ({@code -DskipTests package} by default), {@code BUILD_MAVEN_OPTS} adds options,
 * {@code BUILD_MAVEN_MIRROR} sends every download through one repository URL. The artifact
 * is the built tree; instances run the detected start command ({@code java -jar target/…}).
 */
@org.osgi.service.component.annotations.Component(property = "service.ranking:Integer=60")
public class MavenBuildStrategy implements BuildStrategy {
    @Override
    public String name() {
        return "maven";
    }

    @Override
    public boolean supports(BuildContext context) {
        return context.detection().language().equals(JavaMavenDetector.ID);
    }

    @Override
    public BuildPlan plan(BuildContext context) {
        String build = context.detection().buildCommand();
        String start = context.detection().startCommand();
        if (build == null || build.isBlank()) {
            throw new BuildPlanException("The check found no way to build this Maven project: check it again");
        }
        if (start == null || start.isBlank()) {
            throw new BuildPlanException("No start command: make the jar executable (spring-boot-maven-plugin, or a"
                    + " <mainClass> in maven-jar-plugin's manifest), or add a Procfile 'web:' line");
        }
        if (start.contains("webapp-runner")) {
            throw new BuildPlanException("A war needs a servlet container, which the local runtime does not provide"
                    + " yet: package the service as an executable jar, or run it on the kubernetes runtime");
        }
        String goals = context.buildEnv().get("BUILD_MAVEN_GOALS");
        String command = goals == null || goals.isBlank() ? build
                : build.substring(0, build.indexOf(" -B") + 3) + " " + goals;
        // The mirror, when set, comes through a settings file written into the cache for this build.
        String settings = BuildPlan.Step.CACHE + "/settings.xml";
        String script = "if [ -n \"${BUILD_MAVEN_MIRROR:-}\" ]; then printf '%s' \"<settings><mirrors><mirror><id>kato"
                + "</id><mirrorOf>*</mirrorOf><url>$BUILD_MAVEN_MIRROR</url></mirror></mirrors></settings>\" > "
                + settings + "; set -- -s " + settings + "; fi; exec " + command + " -Dmaven.repo.local="
                + BuildPlan.Step.CACHE + "/m2 ${BUILD_MAVEN_OPTS:-} \"$@\"";
        List<BuildPlan.Step> steps = List.of(new BuildPlan.Step("package", List.of("sh", "-c", script), Map.of(),
                "."));
        int port = context.detection().ports().isEmpty() ? JavaMavenDetector.PORT : context.detection().ports().get(0);
        String java = context.detection().versions().getOrDefault("java", "17");
        return new BuildPlan(name(), steps, ".", List.of("sh", "-c", "exec " + start),
                List.of(new ProbeSpec(ProbeSpec.Purpose.READINESS, ProbeSpec.Kind.TCP, port, null, 0, 5, 2, 1, 3)),
                new BuildPlan.ContainerRecipe("maven:3-eclipse-temurin-" + java, List.of("COPY . /app",
                        "WORKDIR /app", "RUN " + build, "CMD " + start)));
    }
}
