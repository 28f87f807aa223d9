package io.kato.detector.javawar.internal;

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

class JavaWarDetectorTest {
    private final JavaWarDetector detector = new JavaWarDetector();

    @Test
    void rootWarRunsInEmbeddedTomcatOnPort8080() {
        Detection detection = detector.detect(MemorySourceTree.of(Map.of("shop.war", "PK",
                ".sdkmanrc", "java=11.0.22-tem\n"))).orElseThrow();
        assertEquals("java-war", detection.language());
        assertEquals(Map.of("java", "11.0.22-tem"), detection.versions());
        assertNull(detection.buildCommand());
        assertEquals("java $JAVA_OPTS -jar webapp-runner.jar --port 8080 shop.war", detection.startCommand());
        assertEquals(Map.of("BUILD_RUNTIMES_SERVER", "tomcat9"), detection.env());
        assertEquals(List.of(8080), detection.ports());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void ofSeveralWarsTheFirstByNameIsServedWithAWarning() {
        Detection detection = detector.detect(MemorySourceTree.of(Map.of("b.war", "PK", "a.war", "PK",
                ".java-version", "17"))).orElseThrow();
        assertTrue(detection.startCommand().endsWith(" a.war"));
        assertEquals(List.of(Problem.Severity.WARNING), detection.problems().stream().map(Problem::severity).toList());
    }

    @Test
    void procfileWithoutWebWarnsAndTakesTheFirstProcess() {
        Detection detection = detector.detect(MemorySourceTree.of(Map.of("a.war", "PK", ".java-version", "17",
                "Procfile", "worker: java -cp a.war Worker\nadmin: java -jar admin.jar\n"))).orElseThrow();
        assertEquals("java -jar admin.jar", detection.startCommand());
        assertTrue(detection.problems().get(0).message().startsWith("Procfile without web:"));
    }

    @Test
    void treeWithoutRootWarIsNotAWarDeployment() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of("target/a.war", "PK"))));
    }
}
