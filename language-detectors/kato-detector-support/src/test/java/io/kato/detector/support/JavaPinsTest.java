package io.kato.detector.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.MemorySourceTree;
import io.kato.api.detect.Problem;
import io.kato.detector.support.jvm.JavaPins;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaPinsTest {
    @Test
    void systemPropertiesWinOverJavaVersionAndSdkmanrc() {
        Findings findings = new Findings("x");
        JavaPins.read(MemorySourceTree.of(Map.of("system.properties", "java.runtime.version=21\nmaven.version=3.9.6\n",
                ".java-version", "17\n", ".sdkmanrc", "java=11.0.2-open\ngradle=8.5\n")), findings);
        assertEquals("21", findings.versionOf("java"));
        assertEquals("3.9.6", findings.versionOf("maven"));
        assertEquals("8.5", findings.versionOf("gradle"));
        JavaPins.reportUnpinned(findings);
        assertTrue(findings.toDetection().problems().isEmpty());
    }

    @Test
    void sdkmanrcPinsWhenNothingElseDoes() {
        Findings findings = new Findings("x");
        JavaPins.read(MemorySourceTree.of(Map.of(".sdkmanrc", "java=17.0.9-tem\n")), findings);
        assertEquals("17.0.9-tem", findings.versionOf("java"));
    }

    @Test
    void unpinnedJavaIsAnInfoWithAHint() {
        Findings findings = new Findings("x");
        JavaPins.read(MemorySourceTree.of(Map.of()), findings);
        JavaPins.reportUnpinned(findings);
        Problem problem = findings.toDetection().problems().get(0);
        assertEquals(Problem.Severity.INFO, problem.severity());
        assertTrue(problem.hint().contains("system.properties"));
    }
}
