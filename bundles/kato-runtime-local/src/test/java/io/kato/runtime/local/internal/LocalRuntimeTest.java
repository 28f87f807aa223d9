package io.kato.runtime.local.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.build.BuildPlan;
import io.kato.api.runtime.BuildRequest;
import io.kato.api.runtime.RuntimeFailure;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds with real processes on this machine. */
class LocalRuntimeTest {
    @TempDir
    Path dir;
    private final List<String> log = new CopyOnWriteArrayList<>();

    private static LocalRuntimeConfig config(int timeoutSeconds) {
        return new LocalRuntimeConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LocalRuntimeConfig.class;
            }

            @Override
            public int buildTimeoutSeconds() {
                return timeoutSeconds;
            }

            @Override
            public int maxLogLine() {
                return 200;
            }
        };
    }

    private String build(int timeout, String artifact, BuildPlan.Step... steps) throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        LocalRuntime runtime = new LocalRuntime(config(timeout), dir.resolve("artifacts"));
        BuildPlan plan = new BuildPlan("test", List.of(steps), artifact, List.of("sh", "-c", "./run"), List.of(), null);
        return runtime.build(new BuildRequest("c1", "b1", workspace, Files.createDirectories(dir.resolve("cache"))),
                plan, log::add);
    }

    private static BuildPlan.Step sh(String name, String script, Map<String, String> env) {
        return new BuildPlan.Step(name, List.of("sh", "-c", script), env, ".");
    }

    @Test
    void stepsRunInOrderWithTheirOwnEnvironmentAndTheArtifactIsKept() throws Exception {
        String stored = build(60, "out",
                sh("compile", "mkdir out && echo built > out/app.txt && echo compiling", Map.of()),
                sh("show", "env; echo cache=$CACHE_DIR", Map.of("CACHE_DIR", BuildPlan.Step.CACHE + "/npm")));
        assertEquals(dir.resolve("artifacts/c1/b1").toString(), stored);
        assertEquals("built\n", Files.readString(Path.of(stored, "app.txt")));
        assertFalse(Files.exists(dir.resolve("ws/out")), "moved out of the workspace");
        assertTrue(log.contains("compiling"), log.toString());
        assertTrue(log.contains("cache=" + dir.resolve("cache").toAbsolutePath() + "/npm"), log.toString());
        // Kato's own environment (it may hold the bootstrap token) never reaches a build.
        for (String name : System.getenv().keySet()) {
            if (!List.of("PATH", "JAVA_HOME", "LANG", "TZ", "HOME", "PWD", "SHLVL", "_").contains(name)) {
                assertTrue(log.stream().noneMatch(l -> l.startsWith(name + "=")), name + " leaked into the build");
            }
        }
    }

    @Test
    void aFailingStepFailsTheBuildNamingTheStepAndItsExitStatus() {
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> build(60, ".",
                sh("test", "echo 'expected 1 but was 2'; exit 3", Map.of()), sh("never", "touch ran", Map.of())));
        assertTrue(e.getMessage().contains("'test' failed with exit status 3"), e.getMessage());
        assertTrue(log.contains("expected 1 but was 2"));
        assertFalse(Files.exists(dir.resolve("ws/ran")), "later steps do not run");
    }

    @Test
    void aMissingToolchainIsNamed() {
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> build(60, ".",
                new BuildPlan.Step("install", List.of("no-such-toolchain-xyz", "install"), Map.of(), ".")));
        assertTrue(e.getMessage().contains("needs 'no-such-toolchain-xyz'"), e.getMessage());
    }

    @Test
    void aBuildOverItsTimeLimitIsStoppedWithItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        long started = System.nanoTime();
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> build(1, ".",
                sh("hang", "sleep 30 & echo $! > " + pidFile + "; wait", Map.of())));
        assertTrue(e.getMessage().contains("ran over its 1 s limit"), e.getMessage());
        assertTrue(System.nanoTime() - started < 10_000_000_000L, "stopped, not waited for");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        Thread.sleep(200);
        assertFalse(running(child), "the child was killed too");
    }

    /** Alive and not a zombie (a killed orphan may wait for an init that does not reap). */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2).charAt(0) != 'Z';
    }

    @Test
    void anArtifactOutsideTheWorkspaceOrMissingIsRefused() {
        assertThrows(RuntimeFailure.class, () -> build(60, "../elsewhere"));
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> build(60, "dist"));
        assertTrue(e.getMessage().contains("produced no 'dist'"), e.getMessage());
    }
}
