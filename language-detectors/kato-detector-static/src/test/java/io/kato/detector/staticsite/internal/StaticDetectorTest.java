package io.kato.detector.staticsite.internal;

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

class StaticDetectorTest {
    private final StaticDetector detector = new StaticDetector();

    private Detection detect(Map<String, String> files) {
        return detector.detect(MemorySourceTree.of(files)).orElseThrow();
    }

    private static List<Problem.Severity> severities(Detection detection) {
        return detection.problems().stream().map(Problem::severity).toList();
    }

    @Test
    void rootIndexHtmlIsServedAsIsOnPort80() {
        Detection detection = detect(Map.of("index.html", "<h1>hi</h1>", "css/site.css", ""));
        assertEquals("static", detection.language());
        assertNull(detection.buildCommand());
        assertNull(detection.startCommand());
        assertEquals(List.of(80), detection.ports());
        assertEquals(Map.of("BUILD_STATIC_DIR", "."), detection.env());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void staticJsonRootNamesTheServedFolder() {
        Detection detection = detect(Map.of("static.json", "{\"root\": \"public/\"}", "public/index.html", ""));
        assertEquals(Map.of("BUILD_STATIC_DIR", "public"), detection.env());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void staticJsonRootOutsideTheTreeIsAnError() {
        Detection detection = detect(Map.of("static.json", "{\"root\": \"../etc\"}", "index.html", ""));
        assertEquals(List.of(Problem.Severity.ERROR), severities(detection));
        assertEquals(Map.of("BUILD_STATIC_DIR", "."), detection.env());
    }

    @Test
    void malformedStaticJsonIsAnErrorAndAMissingHomePageAWarning() {
        Detection detection = detect(Map.of("static.json", "{root: public}"));
        assertEquals(List.of(Problem.Severity.ERROR, Problem.Severity.WARNING), severities(detection));
        assertEquals("static.json", detection.problems().get(0).file());
    }

    @Test
    void treeWithoutRootIndexOrStaticJsonIsNotStatic() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of("docs/index.html", ""))));
    }
}
