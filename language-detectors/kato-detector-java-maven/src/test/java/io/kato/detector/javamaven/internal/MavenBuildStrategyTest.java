package io.kato.detector.javamaven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.build.BuildContext;
import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildPlanException;
import io.kato.api.detect.MemorySourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenBuildStrategyTest {
    private static final String POM = "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId>"
            + "<artifactId>app</artifactId><version>1</version><build><plugins><plugin>"
            + "<artifactId>maven-jar-plugin</artifactId><configuration><archive><manifest><mainClass>x.Main</mainClass>"
            + "</manifest></archive></configuration></plugin></plugins></build></project>";
    private final MavenBuildStrategy strategy = new MavenBuildStrategy();

    @TempDir
    Path dir;

    private BuildPlan plan(Map<String, String> files, Map<String, String> buildEnv) {
        MemorySourceTree tree = MemorySourceTree.of(files);
        return strategy.plan(new BuildContext(tree, new JavaMavenDetector().detect(tree).orElseThrow(), buildEnv,
                "DEV"));
    }

    /** Runs the package step with a stand-in 'mvn' that records its arguments; returns them. */
    private String arguments(BuildPlan plan, Map<String, String> buildEnv) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho \"$@\" > " + dir.resolve("args") + "\n");
        bin.resolve("mvn").toFile().setExecutable(true);
        List<String> argv = new ArrayList<>();
        plan.steps().get(0).argv().forEach(a -> argv.add(a.replace(BuildPlan.Step.CACHE, dir.resolve("cache")
                .toString())));
        Files.createDirectories(dir.resolve("cache"));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).inheritIO();
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().putAll(buildEnv);
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return Files.readString(dir.resolve("args")).strip();
    }

    @Test
    void theCheckedBuildRunsWithTheComponentsOwnRepository() throws Exception {
        BuildPlan plan = plan(Map.of("pom.xml", POM), Map.of());
        assertEquals("maven", plan.strategy());
        assertEquals(List.of("sh", "-c", "exec java $JAVA_OPTS -jar target/app-1.jar"), plan.startCommand());
        assertEquals("-B -DskipTests package -Dmaven.repo.local=" + dir.resolve("cache") + "/m2",
                arguments(plan, Map.of()));
    }

    @Test
    void goalsOptionsAndAMirrorComeFromBuildEnv() throws Exception {
        Map<String, String> env = Map.of("BUILD_MAVEN_GOALS", "clean verify", "BUILD_MAVEN_OPTS", "-Pprod",
                "BUILD_MAVEN_MIRROR", "https://repo.example.org/maven");
        String args = arguments(plan(Map.of("pom.xml", POM), env), env);
        assertEquals("-B clean verify -Dmaven.repo.local=" + dir.resolve("cache") + "/m2 -Pprod -s "
                + dir.resolve("cache") + "/settings.xml", args);
        assertTrue(Files.readString(dir.resolve("cache/settings.xml")).contains(
                "<url>https://repo.example.org/maven</url>"));
    }

    @Test
    void aWarIsRefusedOnTheLocalRuntime() {
        BuildPlanException e = assertThrows(BuildPlanException.class, () -> plan(Map.of("pom.xml",
                POM.replace("<version>1</version>", "<version>1</version><packaging>war</packaging>")), Map.of()));
        assertTrue(e.getMessage().contains("executable jar"), e.getMessage());
    }
}
