package io.kato.runtime.local.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.build.BuildPlan;
import io.kato.api.build.ProbeSpec;
import io.kato.api.model.DeployType;
import io.kato.api.runtime.Deployment;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.BuildRequest;
import io.kato.api.runtime.RuntimeFailure;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

            @Override
            public int stopGraceSeconds() {
                return 2;
            }

            @Override
            public long drainMillis() {
                return 100;
            }

            @Override
            public int maxInstanceLogMegabytes() {
                return 10;
            }
        };
    }

    private String build(int timeout, String artifact, BuildPlan.Step... steps) throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        LocalRuntime runtime = new LocalRuntime(config(timeout), dir.resolve("artifacts"));
        BuildPlan plan = new BuildPlan("test", List.of(steps), artifact, List.of("sh", "-c", "./run"), List.of(), null);
        return runtime.build(new BuildRequest("c1", "b1", workspace, Files.createDirectories(dir.resolve("cache")),
                Map.of("BUILD_MIRROR", "https://mirror.example.org")), plan, log::add);
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
        assertTrue(log.contains("BUILD_MIRROR=https://mirror.example.org"), "the component's build variables");
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
        RuntimeFailure viaShell = assertThrows(RuntimeFailure.class, () -> build(60, ".",
                sh("build", "no-such-toolchain-xyz build ./...", Map.of())));
        assertTrue(viaShell.getMessage().contains("does not have") && viaShell.getMessage().contains(
                "no-such-toolchain-xyz"), viaShell.getMessage());
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
    private static boolean running(long pid) {
        try {
            String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return text.substring(text.lastIndexOf(')') + 2).charAt(0) != 'Z';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    private static Deployment deployment(String version, Path artifact, List<String> start, boolean running,
                                         int instances) {
        return deployment(version, artifact, start, running, instances, List.of(), 0);
    }

    private static Deployment deployment(String version, Path artifact, List<String> start, boolean running,
                                         int instances, List<ProbeSpec> probes, long revision) {
        return new Deployment("c1", "web", "shop", version, artifact.toString(), start, running, instances, 128,
                DeployType.STATELESS_MULTIPLE, List.of(), Map.of("GREETING", "hi"), probes, revision);
    }

    /** A node server answering its version and PORT; '/crash' exits. */
    private Path nodeApp(String name, String body) throws Exception {
        Path app = Files.createDirectories(dir.resolve(name));
        Files.writeString(app.resolve("server.js"), "require('http').createServer((q, s) => q.url === '/crash'"
                + " ? process.exit(1) : q.url === '/health' ? (s.statusCode = process.env.HEALTH || 200, s.end())"
                + " : s.end('" + body + "')).listen(process.env.PORT, '127.0.0.1');");
        return app;
    }

    @Test
    void anUpgradeRollsOutWithoutLosingARequest() throws Exception {
        Path v1 = nodeApp("v1", "one");
        Path v2 = nodeApp("v2", "two");
        LocalRuntime runtime = new LocalRuntime(config(60), dir.resolve("artifacts"));
        try {
            runtime.apply(deployment("v1", v1, List.of("node", "server.js"), true, 2));
            await("two ready", () -> runtime.observe("c1").ready() == 2);
            java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
            java.util.Set<String> bodies = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread client = new Thread(() -> {
                int turn = 0;
                while (!done.get()) {
                    // the client stands in for the gateway: only ready instances get requests
                    List<Observation.Instance> ready = runtime.observe("c1").instances().stream()
                            .filter(Observation.Instance::ready).toList();
                    if (ready.isEmpty()) {
                        failures.incrementAndGet();
                        continue;
                    }
                    try {
                        bodies.add(get(ready.get(turn++ % ready.size()).address(), "/"));
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            client.start();
            runtime.apply(deployment("v2", v2, List.of("node", "server.js"), true, 2));
            Observation during = runtime.observe("c1");
            assertEquals("v2", during.versionId());
            assertTrue(during.rollingOut(), "old instances serve until new ones are ready");
            await("the rollout", () -> {
                Observation o = runtime.observe("c1");
                return !o.rollingOut() && o.instances().size() == 2 && o.ready() == 2;
            });
            Thread.sleep(300);
            done.set(true);
            client.join();
            assertEquals(0, failures.get(), "no request was lost");
            assertTrue(bodies.contains("200 one") && bodies.contains("200 two"), bodies.toString());
            for (Observation.Instance i : runtime.observe("c1").instances()) {
                assertEquals("200 two", get(i.address(), "/"));
            }
        } finally {
            runtime.remove("c1");
        }
    }

    @Test
    void anInnerPortIsAStableLoopbackPortPassingConnectionsToReadyInstances() throws Exception {
        Path app = nodeApp("inner", "inside");
        LocalRuntime runtime = new LocalRuntime(config(60), dir.resolve("artifacts"));
        String address = runtime.innerAddress("c1", "web", "shop", 8080);
        try {
            assertEquals(address, runtime.innerAddress("c1", "web", "shop", 8080), "the same every time");
            assertTrue(address.startsWith("127.0.0.1:"), address);
            Deployment d = new Deployment("c1", "web", "shop", "v1", app.toString(), List.of("node", "server.js"),
                    true, 2, 128, DeployType.STATELESS_MULTIPLE,
                    List.of(new io.kato.api.model.Port(8080, io.kato.api.model.Protocol.HTTP, "WEB", true, false)),
                    Map.of(), List.of(), 0);
            runtime.apply(d);
            await("two ready", () -> runtime.observe("c1").ready() == 2);
            for (int i = 0; i < 4; i++) {
                assertEquals("200 inside", get(address, "/"));
            }
            runtime.remove("c1");
            await("stopped", () -> runtime.observe("c1").instances().isEmpty());
            assertThrows(java.io.IOException.class, () -> get(address, "/"), "nothing listens while it is stopped");
        } finally {
            runtime.remove("c1");
            runtime.deactivate();
        }
        LocalRuntime again = new LocalRuntime(config(60), dir.resolve("artifacts"));
        try {
            assertEquals(address, again.innerAddress("c1", "web", "shop", 8080), "kept across Kato's restarts");
            again.purge("c1");
            LocalRuntime afterPurge = new LocalRuntime(config(60), dir.resolve("artifacts"));
            assertTrue(Files.readString(dir.resolve("inner-ports.properties")).indexOf("c1.8080") < 0,
                    "a purged component's ports are free again");
            afterPurge.deactivate();
        } finally {
            again.deactivate();
        }
    }

    @Test
    void probesDecideReadinessAndAFailingLivenessRestartsTheInstance() throws Exception {
        Path app = nodeApp("probed", "ok");
        ProbeSpec readiness = new ProbeSpec(ProbeSpec.Purpose.READINESS, ProbeSpec.Kind.HTTP, 0, "/health", 0, 1, 1,
                1, 1);
        ProbeSpec liveness = new ProbeSpec(ProbeSpec.Purpose.LIVENESS, ProbeSpec.Kind.CMD, 0,
                "test ! -e " + dir.resolve("sick"), 0, 1, 1, 1, 2);
        LocalRuntime runtime = new LocalRuntime(config(60), dir.resolve("artifacts"));
        try {
            runtime.apply(deployment("v1", app, List.of("node", "server.js"), true, 1, List.of(readiness, liveness), 0));
            await("ready by its http probe", () -> runtime.observe("c1").ready() == 1);
            Files.createFile(dir.resolve("sick"));
            await("a restart by liveness", () -> runtime.observe("c1").instances().get(0).restarts() == 1);
            Files.delete(dir.resolve("sick"));
            await("ready again", () -> runtime.observe("c1").ready() == 1);

            // a readiness probe that never passes: alive, not ready, and the state says why
            ProbeSpec never = new ProbeSpec(ProbeSpec.Purpose.READINESS, ProbeSpec.Kind.HTTP, 0, "/missing-page", 0, 1,
                    1, 1, 1);
            Path app404 = Files.createDirectories(dir.resolve("notfound"));
            Files.writeString(app404.resolve("server.js"), "require('http').createServer((q, s) => (s.statusCode = 404,"
                    + " s.end())).listen(process.env.PORT, '127.0.0.1');");
            runtime.apply(deployment("v2", app404, List.of("node", "server.js"), true, 1, List.of(never), 0));
            await("the probe's verdict", () -> runtime.observe("c1").instances().stream().anyMatch(i ->
                    "v2".equals(i.versionId()) && i.message() != null && i.message().contains("answered 404")));
            Thread.sleep(1500);
            Observation o = runtime.observe("c1");
            assertTrue(o.rollingOut(), "the old version keeps serving while the new one is not ready");
            assertEquals(1, o.ready());
        } finally {
            runtime.remove("c1");
        }
    }

    @Test
    void aChattyInstancesLogIsRotatedWhileItRuns() throws Exception {
        Path app = Files.createDirectories(dir.resolve("chatty"));
        Supervisor supervisor = new Supervisor(dir.resolve("logs"), 2, 0, 4096);
        try {
            supervisor.apply(deployment("v1", app, List.of("sh", "-c",
                    "while true; do echo 0123456789012345678901234567890123456789; sleep 0.005; done"), true, 1));
            Path log = supervisor.logFile("c1", "web-0");
            await("a rotation", () -> Files.exists(log.resolveSibling("web-0.log.1")));
            assertTrue(Files.size(log) < 64 * 1024, "the live log was cut back");
            Thread.sleep(300);
            assertTrue(Files.size(log) > 0, "the instance goes on writing to it");
        } finally {
            supervisor.stopAll();
        }
    }

    @Test
    void aStartCommandThatExitsAtOnceShowsItsStatusAndLastLines() throws Exception {
        Path app = Files.createDirectories(dir.resolve("failing"));
        LocalRuntime runtime = new LocalRuntime(config(60), dir.resolve("artifacts"));
        try {
            runtime.apply(deployment("v1", app, List.of("sh", "-c", "echo cannot open config.yml; exit 3"), true, 1));
            await("the exit", () -> {
                String m = runtime.observe("c1").instances().get(0).message();
                return m != null && m.contains("exited with status 3") && m.contains("cannot open config.yml");
            });
            assertFalse(runtime.observe("c1").instances().get(0).alive());
        } finally {
            runtime.remove("c1");
        }
    }

    @Test
    void volumesAndConfigFilesAreFoldersAndFilesNamedInTheEnvAndGoOnlyWithAPurge() throws Exception {
        Path app = Files.createDirectories(dir.resolve("withVolumes"));
        LocalRuntime runtime = new LocalRuntime(config(60), dir.resolve("artifacts"));
        Deployment d = deployment("v1", app, List.of("sh", "-c", "cat \"$KATO_VOLUME_CONF\" >> \"$KATO_VOLUME_DATA/seen\";"
                + " basename \"$KATO_VOLUME_CONF\" >> \"$KATO_VOLUME_DATA/seen\"; touch \"$KATO_VOLUME_TMP/x\"; sleep 60"),
                true, 1).with(java.util.Set.of(), List.of(
                        new io.kato.api.model.Volume("data", io.kato.api.model.VolumeType.SHARE_FILE, "/srv/data", 1024,
                                null),
                        new io.kato.api.model.Volume("tmp", io.kato.api.model.VolumeType.MEMORY, "/tmp/x", 64, null),
                        new io.kato.api.model.Volume("conf", io.kato.api.model.VolumeType.CONFIG_FILE,
                                "/etc/app/app.conf", null, "level=debug\n")), null, List.of());
        Path seen = dir.resolve("volumes/c1/data/data/seen");
        try {
            runtime.apply(d);
            await("the instance to write", () -> {
                try {
                    return Files.readString(seen).contains("app.conf");
                } catch (java.io.IOException notYet) {
                    return false;
                }
            });
            assertEquals("level=debug\napp.conf\n", Files.readString(seen));
            runtime.remove("c1");
            await("the stop", () -> runtime.observe("c1").instances().isEmpty());
            assertTrue(Files.exists(seen), "a stopped component keeps its data");
            runtime.purge("c1");
            assertFalse(Files.exists(dir.resolve("volumes/c1")), "a deleted one does not");
            assertFalse(Files.exists(dir.resolve("logs/c1")));
        } finally {
            runtime.remove("c1");
        }
    }

    /**
     * An init plugin writes a file the static site then serves; a failing one keeps the
     * instance from starting and says why; a sidecar sees the component's env and its own,
     * is restarted when it exits, and stops with the instance.
     */
    @Test
    void initPluginsRunBeforeTheInstanceAndSidecarsBesideIt() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        LocalRuntime runtime = new LocalRuntime(config(60), dir.resolve("artifacts"));
        Path out = dir.resolve("sidecar.out");
        Deployment.Plugin init = new Deployment.Plugin("seed", true, "img@sha256:1", "echo \"$SEED ($GREETING)\" >"
                + " index.html", 32, 50, Map.of("GREETING", "hi", "SEED", "seeded"), List.of(), java.util.Set.of());
        Deployment.Plugin sidecar = new Deployment.Plugin("agent", false, "img@sha256:2", "echo \"$GREETING $LEVEL"
                + " $PORT\" >> " + out + "; sleep 1", 32, 50, Map.of("GREETING", "hi", "LEVEL", "debug"), List.of(),
                java.util.Set.of());
        Deployment d = deployment("v1", site, List.of(), true, 1).withPlugins(List.of(init, sidecar));
        try {
            runtime.apply(d);
            await("the site", () -> runtime.observe("c1").instances().stream().anyMatch(i -> i.ready()));
            String address = runtime.observe("c1").instances().get(0).address();
            assertEquals("200 seeded (hi)\n", get(address, "/index.html"), "the init plugin ran first");
            String port = address.substring(address.indexOf(':') + 1);
            await("the sidecar to run twice", () -> {
                try {
                    return Files.readAllLines(out).size() >= 2;
                } catch (java.io.IOException notYet) {
                    return false;
                }
            });
            assertEquals("hi debug " + port, Files.readAllLines(out).get(0), "shared env, its own, the port");
            runtime.remove("c1");
            await("the stop", () -> runtime.observe("c1").instances().isEmpty());
            long lines = Files.readAllLines(out).size();
            Thread.sleep(2500);
            assertEquals(lines, Files.readAllLines(out).size(), "the sidecar stopped with the instance");

            Deployment failing = deployment("v2", site, List.of(), true, 1).withPlugins(List.of(
                    new Deployment.Plugin("seed", true, "img@sha256:1", "echo no seed here; exit 4", 32, 50, Map.of(),
                            List.of(), java.util.Set.of())));
            runtime.apply(failing);
            await("the init failure", () -> {
                var instances = runtime.observe("c1").instances();
                String m = instances.isEmpty() ? null : instances.get(0).message();
                return m != null && m.contains("init plugin seed exited with status 4") && m.contains("no seed here");
            });
            assertFalse(runtime.observe("c1").instances().get(0).ready(), "the instance did not start");
        } finally {
            runtime.remove("c1");
        }
    }

    private static String get(String address, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + address + path)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws Exception {
        for (int i = 0; i < 150; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Test
    void aStaticVersionIsServedByItsInstancesWithoutAWebServer() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site/docs"));
        Files.writeString(site.getParent().resolve("index.html"), "<h1>shop</h1>");
        Files.writeString(site.resolve("a.css"), "h1{}");
        Files.writeString(dir.resolve("secret.txt"), "outside");
        LocalRuntime runtime = new LocalRuntime(config(60), dir.resolve("artifacts"));
        try {
            runtime.apply(deployment("v1", site.getParent(), List.of(), true, 2));
            Observation seen = runtime.observe("c1");
            assertEquals(2, seen.instances().size());
            assertEquals(2, seen.ready());
            String address = seen.instances().get(0).address();
            assertEquals("200 <h1>shop</h1>", get(address, "/"));
            assertEquals("200 h1{}", get(address, "/docs/a.css"));
            assertTrue(get(address, "/../secret.txt").startsWith("404"), "nothing outside the site");
            runtime.apply(deployment("v1", site.getParent(), List.of(), true, 1));
            await("scaled down", () -> runtime.observe("c1").instances().size() == 1);
        } finally {
            runtime.remove("c1");
        }
        await("removed", () -> !runtime.observe("c1").known());
    }

    @Test
    void aProcessInstanceGetsItsPortAndEnvRestartsWhenItDiesAndStopsWithItsChildren() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("server.js"), "require('http').createServer((q, s) => q.url === '/crash'"
                + " ? process.exit(1) : s.end(process.env.GREETING + ' from ' + process.env.PORT))"
                + ".listen(process.env.PORT, '127.0.0.1');"
                + "console.log('listening on ' + process.env.PORT);");
        LocalRuntime runtime = new LocalRuntime(config(60), dir.resolve("artifacts"));
        try {
            runtime.apply(deployment("v1", app, List.of("node", "server.js"), true, 1));
            await("the instance to be ready", () -> runtime.observe("c1").ready() == 1);
            Observation.Instance first = runtime.observe("c1").instances().get(0);
            String port = first.address().substring(first.address().indexOf(':') + 1);
            assertEquals("200 hi from " + port, get(first.address(), "/"));
            await("its log", () -> runtime.logTail("c1", first.id(), 5).contains("listening on " + port));
            List<String> lines = new CopyOnWriteArrayList<>();
            try (AutoCloseable follow = runtime.logs("c1", first.id(), lines::add)) {
                assertThrows(java.io.IOException.class, () -> get(first.address(), "/crash"), "it crashes");
                await("a restart", () -> runtime.observe("c1").instances().get(0).restarts() == 1
                        && runtime.observe("c1").ready() == 1);
                await("the restarted instance's first line, followed", () -> lines.contains("listening on " + port));
                assertEquals(1, lines.size(), "only what was written after subscribing: " + lines);
            }
            assertEquals(List.of("listening on " + port, "listening on " + port),
                    runtime.logTail("c1", first.id(), 10));
            assertEquals(List.of("listening on " + port), runtime.logTail("c1", first.id(), 1));
            assertEquals(List.of(), runtime.logTail("c1", "web-99", 10));
            assertEquals(first.address(), runtime.observe("c1").instances().get(0).address(), "same port");

            runtime.apply(deployment("v1", app, List.of("node", "server.js"), false, 1));
            await("stopped", () -> !runtime.observe("c1").known());
            assertThrows(java.net.ConnectException.class, () -> get(first.address(), "/"), "nothing listens any more");
        } finally {
            runtime.remove("c1");
        }
    }

    @Test
    void instancesLeftRunningByAKatoThatDiedAreStoppedBeforeAnythingStartsAgain() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app2"));
        LocalRuntime crashed = new LocalRuntime(config(60), dir.resolve("artifacts"));
        crashed.apply(deployment("v1", app, List.of("sleep", "60"), true, 1));
        await("the instance", () -> crashed.observe("c1").instances().get(0).alive());
        long pid = ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("sleep"))
                .findFirst().orElseThrow().pid();
        // Kato dies without stopping anything: a new runtime starts on the same data folder.
        new LocalRuntime(config(60), dir.resolve("artifacts"));
        await("the leftover to be stopped", () -> !running(pid));
        crashed.remove("c1"); // the test's stand-in for the dead Kato would otherwise restart it
    }

    @Test
    void anArtifactOutsideTheWorkspaceOrMissingIsRefused() {
        assertThrows(RuntimeFailure.class, () -> build(60, "../elsewhere"));
        RuntimeFailure link = assertThrows(RuntimeFailure.class, () -> build(60, "dist",
                sh("link", "ln -s / dist", Map.of())));
        assertTrue(link.getMessage().contains("inside its workspace"), link.getMessage());
        assertFalse(Files.exists(dir.resolve("artifacts/c1/b1")), "nothing of the host was stored");
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> build(60, "dist"));
        assertTrue(e.getMessage().contains("produced no 'dist'"), e.getMessage());
    }
}
