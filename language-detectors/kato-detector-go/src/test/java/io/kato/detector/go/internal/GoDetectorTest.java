package io.kato.detector.go.internal;

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

class GoDetectorTest {
    private static final String GO_MOD = """
            module github.com/acme/orders

            go 1.22.1

            toolchain go1.22.3

            require github.com/go-chi/chi/v5 v5.0.12
            """;
    private final GoDetector detector = new GoDetector();

    private Detection detect(Map<String, String> files) {
        return detector.detect(MemorySourceTree.of(files)).orElseThrow();
    }

    private static List<Problem.Severity> severities(Detection detection) {
        return detection.problems().stream().map(Problem::severity).toList();
    }

    @Test
    void rootMainPackageBuildsABinaryNamedAfterTheModule() {
        Detection detection = detect(Map.of("go.mod", GO_MOD, "go.sum", "", "main.go", """
                // Package main serves orders.
                package main

                func main() { http.ListenAndServe(":9000", router()) }
                """, "main_test.go", "package main", "internal/x.go", "package x"));
        assertEquals("go", detection.language());
        assertEquals(Map.of("go", "1.22.1", "toolchain", "go1.22.3"), detection.versions());
        assertEquals("go build -o bin/orders .", detection.buildCommand());
        assertEquals("./bin/orders", detection.startCommand());
        assertEquals(List.of(9000), detection.ports());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void singleCommandUnderCmdIsBuiltAndStartedOnPort8080() {
        Detection detection = detect(Map.of("go.mod", GO_MOD, "go.sum", "",
                "cmd/server/main.go", "package main\nfunc main() { http.ListenAndServe(addr, nil) }",
                "pkg/lib.go", "package lib"));
        assertEquals("go build -o bin/server ./cmd/server", detection.buildCommand());
        assertEquals("./bin/server", detection.startCommand());
        assertEquals(List.of(8080), detection.ports());
    }

    @Test
    void severalCommandsBecomeModules() {
        Detection detection = detect(Map.of("go.mod", GO_MOD, "go.sum", "",
                "cmd/api/main.go", "package main", "cmd/worker/main.go", "package main"));
        assertEquals(List.of(new Detection.Module("api", "cmd/api"), new Detection.Module("worker", "cmd/worker")),
                detection.modules());
        assertNull(detection.startCommand());
        assertEquals(List.of(Problem.Severity.INFO), severities(detection));
    }

    @Test
    void goModWithoutModuleLineIsAnErrorAndMissingGoSumAWarning() {
        Detection detection = detect(Map.of("go.mod", "go 1.21\nrequire example.com/x v1.0.0\n",
                "main.go", "package main"));
        assertEquals(List.of(Problem.Severity.ERROR, Problem.Severity.WARNING), severities(detection));
        assertTrue(detection.problems().get(0).hint().contains("go mod init"));
        assertTrue(detection.problems().get(1).hint().contains("go mod tidy"));
        assertEquals("./bin/app", detection.startCommand());
    }

    @Test
    void libraryWithoutMainPackageWarnsUnlessAProcfileSaysHow() {
        Detection library = detect(Map.of("go.mod", "module example.com/lib\ngo 1.21\n", "lib.go", "package lib"));
        assertNull(library.startCommand());
        assertEquals(List.of(Problem.Severity.WARNING), severities(library));
        Detection procfile = detect(Map.of("go.mod", "module example.com/lib\ngo 1.21\n", "lib.go", "package lib",
                "Procfile", "web: ./bin/tool serve\n"));
        assertEquals("./bin/tool serve", procfile.startCommand());
        assertEquals(List.of(8080), procfile.ports());
        assertTrue(procfile.problems().isEmpty());
    }

    @Test
    void treeWithoutRootGoModIsNotGo() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of("tools/go.mod", "module x",
                "main.go", "package main"))));
    }
}
