package io.kato.detector.javajar.internal;

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

class JavaJarDetectorTest {
    private final JavaJarDetector detector = new JavaJarDetector();

    @Test
    void rootJarStartsWithPinnedJavaOnPort8080() {
        Detection detection = detector.detect(MemorySourceTree.of(Map.of("app.jar", "PK...",
                "system.properties", "java.runtime.version=21\n"))).orElseThrow();
        assertEquals("java-jar", detection.language());
        assertEquals(Map.of("java", "21"), detection.versions());
        assertNull(detection.buildCommand());
        assertEquals("java $JAVA_OPTS -jar app.jar", detection.startCommand());
        assertEquals(List.of(8080), detection.ports());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void ofSeveralJarsTheLargestStartsAndTheUserIsWarned() {
        Detection detection = detector.detect(MemorySourceTree.of(Map.of("a-thin.jar", "x", "b-fat.jar", "xxxxxxxx",
                "b-fat-sources.jar", "xxxxxxxxxxxxxxxx", ".java-version", "17"))).orElseThrow();
        assertEquals("java $JAVA_OPTS -jar b-fat.jar", detection.startCommand());
        assertEquals(List.of(Problem.Severity.WARNING), detection.problems().stream().map(Problem::severity).toList());
    }

    @Test
    void procfileWebLineWins() {
        Detection detection = detector.detect(MemorySourceTree.of(Map.of("app.jar", "PK", ".java-version", "17",
                "Procfile", "web: java -Xss512k -jar app.jar --server.port=$PORT\n"))).orElseThrow();
        assertEquals("java -Xss512k -jar app.jar --server.port=$PORT", detection.startCommand());
    }

    @Test
    void unpinnedJavaIsAnInfo() {
        Detection detection = detector.detect(MemorySourceTree.of(Map.of("app.jar", "PK"))).orElseThrow();
        assertEquals(List.of(Problem.Severity.INFO), detection.problems().stream().map(Problem::severity).toList());
    }

    @Test
    void jarOutsideTheRootIsNotAJarDeployment() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of(
                "gradle/wrapper/gradle-wrapper.jar", "PK", "build.gradle", ""))));
    }
}
