package io.kato.runtime.local.internal;

import io.kato.api.build.BuildPlan;
import io.kato.api.runtime.BuildRequest;
import io.kato.api.runtime.Deployment;
import io.kato.api.runtime.LogSink;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.Runtime;
import io.kato.api.runtime.RuntimeFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The embedded default runtime, on this machine. Builds run the plan's steps with the
 * host's toolchains, one process per step, in the build's workspace, with an environment
 * of their own (never Kato's: it may hold the bootstrap token), the component's cache
 * folder for package managers, and one time limit for the whole build; a step that runs
 * over it is killed with all its children. The artifact is moved out of the workspace
 * into {@code data/kato/artifacts/<component>/<build>}.
 *
 * <p>Instances are supervised processes ({@link Supervisor}); a static version runs as an
 * in-process file server. They stop with the runtime (a departure from the SPI's "workloads
 * keep running": nothing re-adopts running processes yet, so none is left unsupervised);
 * after a crash of Kato, the processes it left are stopped when the runtime starts again
 * and the reconciler starts what should run.
 */
@Component(service = Runtime.class, configurationPid = "io.kato.runtime.local")
@Designate(ocd = LocalRuntimeConfig.class)
public class LocalRuntime implements Runtime {
    /** Host variables a toolchain needs to work at all; everything else of Kato's stays out. */
    private static final List<String> PASSED_ON = List.of("PATH", "JAVA_HOME", "LANG", "TZ");
    private final Path artifactsRoot;
    private final Supervisor supervisor;
    private final InnerPorts innerPorts;
    private volatile LocalRuntimeConfig config;

    @Activate
    public LocalRuntime(LocalRuntimeConfig config) {
        this(config, Path.of(System.getProperty("karaf.data", "data"), "kato", "artifacts"));
    }

    @Deactivate
    void deactivate() {
        supervisor.stopAll();
        innerPorts.close();
    }

    /** A runtime keeping artifacts under the given folder (tests; the service uses the data folder). */
    public LocalRuntime(LocalRuntimeConfig config, Path artifactsRoot) {
        this.config = config;
        this.artifactsRoot = artifactsRoot;
        this.supervisor = new Supervisor(artifactsRoot.resolveSibling("logs"), config.stopGraceSeconds(),
                config.drainMillis(), Math.max(1, config.maxInstanceLogMegabytes()) << 20);
        this.innerPorts = new InnerPorts(artifactsRoot.resolveSibling("inner-ports.properties"),
                id -> supervisor.observe(id).instances().stream().filter(Observation.Instance::ready)
                        .map(Observation.Instance::address).toList());
    }

    /** The host variables a build or an instance gets; everything else of Kato's stays out. */
    static Map<String, String> baseEnvironment(Map<String, String> host) {
        Map<String, String> env = new java.util.HashMap<>();
        PASSED_ON.forEach(name -> {
            if (host.containsKey(name)) {
                env.put(name, host.get(name));
            }
        });
        return env;
    }

    @Modified
    void modified(LocalRuntimeConfig changed) {
        this.config = changed;
        supervisor.graceSeconds(changed.stopGraceSeconds());
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String build(BuildRequest request, BuildPlan plan, LogSink log) {
        Path workspace = request.workspace().toAbsolutePath().normalize();
        Instant deadline = Instant.now().plusSeconds(config.buildTimeoutSeconds());
        for (BuildPlan.Step step : plan.steps()) {
            run(step, request.env(), workspace, request.cache().toAbsolutePath(), deadline, log);
        }
        Path artifact = workspace.resolve(plan.artifact() == null ? "." : plan.artifact()).normalize();
        try {
            // Real paths: an artifact that is a link (a build may write 'ln -s / dist') must not
            // take anything from outside the workspace into the artifact store.
            if (!artifact.startsWith(workspace) || !Files.exists(artifact, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    || Files.isSymbolicLink(artifact) || !artifact.toRealPath().startsWith(workspace.toRealPath())) {
                throw new RuntimeFailure("The build produced no '" + plan.artifact() + "' inside its workspace: check"
                        + " the build command's output folder");
            }
        } catch (IOException e) {
            throw new RuntimeFailure("The build's output '" + plan.artifact() + "' cannot be read: " + e.getMessage());
        }
        Path stored = artifactsRoot.resolve(request.componentId()).resolve(request.buildId());
        try {
            Files.createDirectories(stored.getParent());
            Files.move(artifact, stored);
        } catch (IOException e) {
            throw new RuntimeFailure("The artifact could not be stored: " + e.getMessage());
        }
        log.line("Stored the artifact (" + plan.artifact() + ")");
        return stored.toString();
    }

    private void run(BuildPlan.Step step, Map<String, String> buildEnv, Path workspace, Path cache, Instant deadline,
                     LogSink log) {
        List<String> argv = new ArrayList<>();
        for (String arg : step.argv()) {
            argv.add(arg.replace(BuildPlan.Step.CACHE, cache.toString()));
        }
        Path dir = workspace.resolve(step.workdir() == null ? "." : step.workdir()).normalize();
        if (!dir.startsWith(workspace)) {
            throw new RuntimeFailure("Step '" + step.name() + "' would run outside the workspace");
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        Map<String, String> base = baseEnvironment(Map.copyOf(env));
        env.clear();
        env.putAll(base);
        env.put("HOME", cache.resolve("home").toString());
        env.putAll(buildEnv);
        step.env().forEach((k, v) -> env.put(k, v.replace(BuildPlan.Step.CACHE, cache.toString())));
        log.line("$ " + String.join(" ", argv));
        Process process;
        try {
            Files.createDirectories(cache.resolve("home"));
            process = pb.start();
        } catch (IOException e) {
            throw new RuntimeFailure("Step '" + step.name() + "' needs '" + argv.get(0) + "' on the Kato host, which"
                    + " cannot run it (" + e.getMessage() + "): install the toolchain there");
        }
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>("");
        Thread output = new Thread(() -> copy(process, line -> {
            last.set(line);
            log.line(line);
        }), "kato-build-output");
        output.setDaemon(true);
        output.start();
        try {
            long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            if (!process.waitFor(left, TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new RuntimeFailure("The build ran over its " + config.buildTimeoutSeconds() + " s limit in step '"
                        + step.name() + "' and was stopped");
            }
            output.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("The build was interrupted in step '" + step.name() + "'");
        }
        if (process.exitValue() == 127) { // the shell's "command not found"
            // the command's name comes from the shell's message, not the raw line: output may hold a secret
            throw new RuntimeFailure("Step '" + step.name() + "' needs a command the Kato host does not have"
                    + missingCommand(last.get()) + ": install the toolchain there, or build on the kubernetes runtime");
        }
        if (process.exitValue() != 0) {
            throw new RuntimeFailure("Step '" + step.name() + "' failed with exit status " + process.exitValue()
                    + ": its output is in the build log");
        }
    }

    /** {@code " ('go')"} from a shell's {@code "sh: 1: go: not found"}; empty when the line says something else. */
    static String missingCommand(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":\\s*([A-Za-z0-9._+-]{1,64}): (?:command )?not found")
                .matcher(line);
        return m.find() ? " ('" + m.group(1) + "')" : "";
    }

    private void copy(Process process, LogSink log) {
        int max = config.maxLogLine();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.line(line.length() > max ? line.substring(0, max) + " …" : line);
            }
        } catch (IOException e) {
            // the process was killed; what it printed so far is in the log
        }
    }

    /** The step and everything it started: a build tool's children must not outlive the build. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void apply(Deployment deployment) {
        supervisor.apply(deployment);
        innerPorts.open(deployment.componentId(), deployment.ports().stream().filter(io.kato.api.model.Port::inner)
                .map(io.kato.api.model.Port::port).toList());
    }

    /**
     * A loopback port of Kato's, the same for the component's port until the component is
     * purged, passing connections on to its ready instances (each listens on its own {@code
     * PORT}, whichever of the component's ports is asked for).
     */
    @Override
    public String innerAddress(String componentId, String name, String team, int port) {
        return "127.0.0.1:" + innerPorts.port(componentId, port);
    }

    /**
     * Stops what runs for the component. Its built artifacts stay: they belong to its
     * versions, which outlive any deployment.
     */
    @Override
    public void remove(String componentId) {
        supervisor.remove(componentId);
        innerPorts.close(componentId);
    }

    /** Also drops the component's volumes and logs; its artifacts went with its versions' records. */
    @Override
    public void purge(String componentId) {
        supervisor.purge(componentId);
        innerPorts.forget(componentId);
        try {
            LocalVolumes.delete(artifactsRoot.resolve(componentId));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot delete the artifacts of component " + componentId, e);
        }
    }

    @Override
    public Observation observe(String componentId) {
        return supervisor.observe(componentId);
    }

    /** Follows one instance's log file from its current end until closed. */
    @Override
    public AutoCloseable logs(String componentId, String instance, LogSink sink) {
        Path file = supervisor.logFile(componentId, instance);
        long end;
        try {
            end = Files.size(file);
        } catch (IOException none) {
            end = 0;
        }
        long from = end;
        Thread follower = new Thread(() -> follow(file, from, sink), "kato-log-follow");
        follower.setDaemon(true);
        follower.start();
        return follower::interrupt;
    }

    @Override
    public List<String> logTail(String componentId, String instance, int lines) {
        Path file = supervisor.logFile(componentId, instance);
        if (!Files.isRegularFile(file) || lines <= 0) {
            return List.of();
        }
        // Reads backwards in blocks until enough lines are found: a long log is not read whole.
        try (var channel = Files.newByteChannel(file)) {
            long size = channel.size();
            long from = size;
            byte[] tail = new byte[0];
            int newlines = 0;
            while (from > 0 && newlines <= lines && tail.length < 4 * 1024 * 1024) {
                int length = (int) Math.min(64 * 1024, from);
                from -= length;
                java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(length);
                channel.position(from);
                while (block.hasRemaining() && channel.read(block) > 0) {
                    // until the block is full
                }
                for (byte b : block.array()) {
                    newlines += b == '\n' ? 1 : 0;
                }
                byte[] joined = new byte[length + tail.length];
                System.arraycopy(block.array(), 0, joined, 0, length);
                System.arraycopy(tail, 0, joined, length, tail.length);
                tail = joined;
            }
            String text = new String(tail, StandardCharsets.UTF_8);
            List<String> all = List.of(text.split("\n", -1));
            List<String> complete = all.subList(0, text.endsWith("\n") ? all.size() - 1 : all.size());
            int first = Math.max(from > 0 ? 1 : 0, complete.size() - lines); // a line cut at the start is dropped
            return List.copyOf(complete.subList(Math.min(first, complete.size()), complete.size()));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void follow(Path file, long start, LogSink sink) {
        long offset = start;
        StringBuilder partial = new StringBuilder();
        while (!Thread.currentThread().isInterrupted()) {
            try (var channel = Files.newByteChannel(file)) {
                if (channel.size() < offset) {
                    offset = 0; // rotated
                }
                channel.position(offset);
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8192);
                int n;
                while ((n = channel.read(buffer)) > 0) {
                    offset += n;
                    partial.append(new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
                    buffer.clear();
                    for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n")) {
                        sink.line(partial.substring(0, nl));
                        partial.delete(0, nl + 1);
                    }
                }
            } catch (IOException notYet) {
                // the instance has not written anything yet
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
