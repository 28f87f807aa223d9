package io.kato.detector.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.Detection;
import io.kato.api.detect.MemorySourceTree;
import io.kato.api.detect.Problem;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcfileTest {
    private final Findings findings = new Findings("x");

    private Optional<String> start(String procfile) {
        return Procfile.startCommand(MemorySourceTree.of(Map.of("Procfile", procfile)), findings);
    }

    @Test
    void webLineWinsOverOtherProcesses() {
        assertEquals(Optional.of("gunicorn app:app"), start("""
                # processes
                worker: celery -A app worker
                web:   gunicorn app:app
                """));
        assertTrue(findings.toDetection().problems().isEmpty());
    }

    @Test
    void withoutWebTheFirstProcessByNameIsTakenWithAWarning() {
        assertEquals(Optional.of("node api.js"), start("worker: node worker.js\napi: node api.js\n"));
        Problem problem = findings.toDetection().problems().get(0);
        assertEquals(Problem.Severity.WARNING, problem.severity());
        assertTrue(problem.message().startsWith("Procfile without web:"), problem.message());
        assertTrue(problem.hint().contains("web:"), problem.hint());
        assertEquals("Procfile", problem.file());
    }

    @Test
    void procfileWithoutProcessesGivesNoCommandAndAWarning() {
        assertEquals(Optional.empty(), start("just some text\n"));
        assertEquals(Problem.Severity.WARNING, findings.toDetection().problems().get(0).severity());
    }

    @Test
    void noProcfileGivesNoCommandAndNoProblem() {
        assertEquals(Optional.empty(), Procfile.startCommand(MemorySourceTree.of(Map.of()), findings));
        Detection detection = findings.toDetection();
        assertTrue(detection.problems().isEmpty());
    }
}
