package io.kato.detector.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.MemorySourceTree;
import io.kato.api.detect.Problem;
import io.kato.detector.support.json.JsonFiles;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonFilesTest {
    private final Findings findings = new Findings("x");

    private Problem onlyProblem() {
        assertEquals(1, findings.toDetection().problems().size(), findings.toDetection().problems().toString());
        return findings.toDetection().problems().get(0);
    }

    @Test
    void malformedJsonBecomesAnErrorNamingFileAndLine() {
        MemorySourceTree tree = MemorySourceTree.of(Map.of("package.json", "{\n  \"name\": \"a\",\n  oops\n}"));
        assertEquals(Optional.empty(), JsonFiles.readObject(tree, "package.json", findings));
        Problem problem = onlyProblem();
        assertEquals(Problem.Severity.ERROR, problem.severity());
        assertTrue(problem.message().startsWith("package.json is not valid JSON"), problem.message());
        assertEquals("package.json", problem.file());
        assertEquals(3, problem.line());
        assertTrue(problem.hint().contains("package.json"));
    }

    @Test
    void trailingGarbageAfterAnObjectIsAnError() {
        MemorySourceTree tree = MemorySourceTree.of(Map.of("a.json", "{} }"));
        assertEquals(Optional.empty(), JsonFiles.readObject(tree, "a.json", findings));
        assertEquals(Problem.Severity.ERROR, onlyProblem().severity());
    }

    @Test
    void anArrayIsNotAManifest() {
        MemorySourceTree tree = MemorySourceTree.of(Map.of("a.json", "[1, 2]"));
        assertEquals(Optional.empty(), JsonFiles.readObject(tree, "a.json", findings));
        assertTrue(onlyProblem().message().contains("not a JSON object"));
    }

    @Test
    void textReadsByPointerAndIgnoresNonText() {
        MemorySourceTree tree = MemorySourceTree.of(Map.of("a.json", "{\"engines\": {\"node\": \" 20.x \", \"n\": 1}}"));
        var root = JsonFiles.readObject(tree, "a.json", findings).orElseThrow();
        assertEquals(Optional.of("20.x"), JsonFiles.text(root, "/engines/node"));
        assertEquals(Optional.empty(), JsonFiles.text(root, "/engines/n"));
        assertEquals(Optional.empty(), JsonFiles.text(root, "/missing/x"));
    }
}
