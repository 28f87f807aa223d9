package io.kato.detector.python.internal;

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

class PipBuildStrategyTest {
    private final PipBuildStrategy strategy = new PipBuildStrategy();

    @TempDir
    Path dir;

    private BuildContext context(Map<String, String> files) {
        MemorySourceTree tree = MemorySourceTree.of(files);
        return new BuildContext(tree, new PythonDetector().detect(tree).orElseThrow(), Map.of(), "DEV");
    }

    /** Runs argv in the folder with the placeholder for the cache replaced, as the local runtime does. */
    private int run(List<String> argv, Map<String, String> env, Path folder) throws Exception {
        List<String> resolved = new ArrayList<>();
        argv.forEach(a -> resolved.add(a.replace(BuildPlan.Step.CACHE, dir.resolve("cache").toString())));
        ProcessBuilder pb = new ProcessBuilder(resolved).directory(folder.toFile()).inheritIO();
        env.forEach((k, v) -> pb.environment().put(k, v.replace(BuildPlan.Step.CACHE, dir.resolve("cache").toString())));
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void aStdlibAppInstallsIntoItsTreeAndStartsWithItsDependenciesOnThePath() throws Exception {
        Map<String, String> files = Map.of("requirements.txt", "# nothing\n", "app.py",
                "import os, sys\nprint(os.environ['PYTHONPATH'].split(':')[0].endswith('.pydeps'))\n");
        BuildPlan plan = strategy.plan(context(files));
        assertEquals("pip", plan.strategy());
        assertEquals(".", plan.artifact());
        for (var f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        BuildPlan.Step install = plan.steps().get(0);
        assertEquals(0, run(install.argv(), install.env(), dir));
        assertTrue(Files.isDirectory(dir.resolve(".pydeps/bin")));
        Path out = dir.resolve("out.txt");
        List<String> start = new ArrayList<>(plan.startCommand());
        start.set(start.size() - 1, start.get(start.size() - 1) + " > " + out);
        assertEquals(0, run(start, Map.of(), dir));
        assertEquals("True", Files.readString(out).strip());
        assertTrue(String.join(" ", plan.container().instructions()).contains("pip install --no-cache-dir -r"));
    }

    @Test
    void otherInstallersAreRefusedWithAWayOut() {
        BuildPlanException e = assertThrows(BuildPlanException.class, () -> strategy.plan(context(Map.of(
                "pyproject.toml", "[tool.poetry]\nname = \"x\"\n", "poetry.lock", "", "app.py", ""))));
        assertTrue(e.getMessage().contains("poetry export > requirements.txt"), e.getMessage());
    }
}
