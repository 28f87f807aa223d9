package io.kato.detector.javagradle.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.Detection;
import io.kato.api.detect.MemorySourceTree;
import io.kato.api.detect.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JavaGradleDetectorTest {
    private static final String WRAPPER = "distributionUrl=https\\://services.gradle.org/distributions/gradle-8.7-bin.zip\n";
    private final JavaGradleDetector detector = new JavaGradleDetector();

    private Detection detect(Map<String, String> files) {
        return detector.detect(MemorySourceTree.of(files)).orElseThrow();
    }

    private static List<Problem.Severity> severities(Detection detection) {
        return detection.problems().stream().map(Problem::severity).toList();
    }

    @Test
    void springBootProjectStartsItsBootJarWithToolchainAndWrapperVersions() {
        Detection detection = detect(Map.of("gradlew", "#!/bin/sh", "gradle/wrapper/gradle-wrapper.properties", WRAPPER,
                "settings.gradle", "rootProject.name = 'billing'\n", "build.gradle", """
                        plugins {
                            id 'java'
                            id 'org.springframework.boot' version '3.2.5'
                        }
                        version = '0.3.0'
                        java { toolchain { languageVersion = JavaLanguageVersion.of(21) } }
                        """));
        assertEquals("java-gradle", detection.language());
        assertEquals(Map.of("java", "21", "gradle", "8.7"), detection.versions());
        assertEquals("./gradlew build -x test", detection.buildCommand());
        assertEquals("java $JAVA_OPTS -jar build/libs/billing-0.3.0.jar", detection.startCommand());
        assertEquals(List.of(8080), detection.ports());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void kotlinApplicationWithoutWrapperUsesInstallDistAndSaysSo() {
        Detection detection = detect(Map.of("settings.gradle.kts", "rootProject.name = \"cli\"\n",
                "build.gradle.kts", "plugins {\n    application\n}\njava { sourceCompatibility = JavaVersion.VERSION_17 }\n"));
        assertEquals("gradle build installDist -x test", detection.buildCommand());
        assertEquals("build/install/cli/bin/cli", detection.startCommand());
        assertEquals("17", detection.versions().get("java"));
        assertEquals(List.of(Problem.Severity.INFO), severities(detection));
        assertTrue(detection.problems().get(0).hint().contains("gradle wrapper"));
    }

    @Test
    void unknownProjectNameAvoidsSpringBootsPlainJar() {
        Detection detection = detect(Map.of("gradlew", "", ".java-version", "17",
                "build.gradle", "plugins { id 'org.springframework.boot' version '3.2.5' }\n"));
        assertTrue(detection.startCommand().contains("grep -v -- '-plain.jar$'"), detection.startCommand());
    }

    @Test
    void multiProjectBuildListsItsRunnableProjects() {
        Detection detection = detect(Map.of("gradlew", "", ".java-version", "17",
                "settings.gradle", "rootProject.name = 'shop'\ninclude 'api', ':worker'\ninclude(\"libs:common\")\n"
                        + "includeBuild('build-logic')\ninclude '../escape'\n",
                "build.gradle", "subprojects { apply plugin: 'java' }\n",
                "api/build.gradle", "plugins { id 'org.springframework.boot' version '3.2.5' }\n",
                "worker/build.gradle", "apply plugin: 'application'\n",
                "libs/common/build.gradle", "plugins { id 'java-library' }\n",
                "build-logic/build.gradle", "plugins { id 'application' }\n"));
        assertEquals(List.of(
                new Detection.Module("api", "api", "./gradlew :api:build -x test",
                        "java $JAVA_OPTS -jar api/build/libs/api.jar", List.of()),
                new Detection.Module("worker", "worker", "./gradlew :worker:build :worker:installDist -x test",
                        "worker/build/install/worker/bin/worker", List.of())), detection.modules(),
                "each project with the tasks that build it and its own start command");
        assertNull(detection.startCommand());
        assertEquals(List.of(Problem.Severity.INFO), severities(detection));
    }

    @Test
    void singleRunnableSubprojectIsBuiltAndStarted() {
        Detection detection = detect(Map.of("gradlew", "", ".java-version", "17",
                "settings.gradle", "include 'services:api', 'common'\n",
                "services/api/build.gradle", "plugins { id 'io.quarkus' }\n", "common/build.gradle", ""));
        assertEquals(List.of(new Detection.Module("api", "services/api", detection.buildCommand(),
                detection.startCommand(), List.of())), detection.modules());
        assertEquals("./gradlew :services:api:build -x test", detection.buildCommand());
        assertEquals("java $JAVA_OPTS -jar services/api/build/quarkus-app/quarkus-run.jar", detection.startCommand());
    }

    @Test
    void plainJavaBuildWarnsThatItsJarMayNotStart() {
        Detection detection = detect(Map.of("gradlew", "", ".java-version", "17", "settings.gradle",
                "rootProject.name = 'lib'", "build.gradle", "plugins { id 'java' }\nversion = '1.0'\n"));
        assertEquals("java $JAVA_OPTS -jar build/libs/lib-1.0.jar", detection.startCommand());
        assertEquals(List.of(Problem.Severity.WARNING), severities(detection));
    }

    @Test
    void procfileWebLineWins() {
        Detection detection = detect(Map.of("gradlew", "", ".java-version", "17", "build.gradle", "",
                "Procfile", "web: java -jar build/libs/x.jar\n"));
        assertEquals("java -jar build/libs/x.jar", detection.startCommand());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void treeWithoutGradleFilesIsNotGradle() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of("pom.xml", "<project/>",
                "sub/build.gradle", ""))));
    }
}
