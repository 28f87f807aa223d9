package io.kato.detector.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.MemorySourceTree;
import io.kato.api.detect.Problem;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextsTest {
    @Test
    void oversizedManifestIsRefusedWithAnErrorInsteadOfTruncated() {
        Findings findings = new Findings("x");
        MemorySourceTree tree = MemorySourceTree.of(Map.of("big.json", "x".repeat(Texts.LIMIT + 1)));
        assertEquals(Optional.empty(), Texts.whole(tree, "big.json", findings));
        Problem problem = findings.toDetection().problems().get(0);
        assertEquals(Problem.Severity.ERROR, problem.severity());
        assertTrue(problem.message().contains("big.json"));
    }

    @Test
    void manifestAtTheLimitIsReadWhole() {
        Findings findings = new Findings("x");
        MemorySourceTree tree = MemorySourceTree.of(Map.of("ok.json", "x".repeat(Texts.LIMIT)));
        assertEquals(Texts.LIMIT, Texts.whole(tree, "ok.json", findings).orElseThrow().length());
        assertTrue(findings.toDetection().problems().isEmpty());
    }

    @Test
    void firstLineSkipsCommentsAndBlankLines() {
        MemorySourceTree tree = MemorySourceTree.of(Map.of(".nvmrc", "# pinned\n\n  20.11.1  \n18\n"));
        assertEquals(Optional.of("20.11.1"), Texts.firstLine(tree, ".nvmrc"));
    }
}
