package io.kato.runtime.local.internal;

import io.kato.api.build.ProbeSpec;
import io.kato.api.runtime.Deployment;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.RuntimeFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The instances of every deployed component on this machine: each a supervised process
 * (or, for a static version, an in-process file server) on a port of its own, with its env
 * and {@code PORT}, its output in a log file, probed for readiness and liveness, restarted
 * with back-off when it exits or fails liveness while wanted, stopped with SIGTERM to its
 * whole tree and SIGKILL after a grace period. A new version or revision rolls out one
 * instance at a time, each old one leaving only once a new one is ready.
 */
final class Supervisor {
    /** Checked every few seconds while instances run, and at every (re)start. */
    private final long maxLogBytes;
    private long lastLogCheck;
    private static final long STEADY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Env var of a plugin process: the path of the instance's log, which it shares. */
    static final String INSTANCE_LOG = "KATO_INSTANCE_LOG";
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final Path logsRoot;
    private final LocalVolumes volumes;
    private final long drainMillis;
    private volatile int graceSeconds;
    /** Restarts, probes and the rollout tick. */
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(3, daemon("kato-local-timer"));
    /** Stops run here, in parallel: each may take a grace period. */
    private final ExecutorService stops = Executors.newCachedThreadPool(daemon("kato-local-stop"));

    Supervisor(Path logsRoot, int graceSeconds, long drainMillis) {
        this(logsRoot, graceSeconds, drainMillis, 10L << 20);
    }

    Supervisor(Path logsRoot, int graceSeconds, long drainMillis, long maxLogBytes) {
        this.maxLogBytes = maxLogBytes;
        this.logsRoot = logsRoot;
        this.volumes = new LocalVolumes(logsRoot.resolveSibling("volumes"));
        this.graceSeconds = graceSeconds;
        this.drainMillis = drainMillis;
        stopLeftovers();
        timer.scheduleWithFixedDelay(this::tick, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Applies to instances stopped from now on. */
    void graceSeconds(int seconds) {
        this.graceSeconds = seconds;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Kato stopped without stopping its instances (kill -9, a crash): their processes run on,
     * unsupervised, and the reconciler is about to start the components again. So the
     * processes recorded in pid files are stopped first — only those whose start time still
     * matches, never a later process that reused the pid — and nothing runs twice.
     */
    private void stopLeftovers() {
        if (!Files.isDirectory(logsRoot)) {
            return;
        }
        List<Path> pidFiles;
        try (var files = Files.walk(logsRoot)) {
            pidFiles = files.filter(f -> f.toString().endsWith(".pid")).toList();
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (Path pidFile : pidFiles) {
            try {
                String[] recorded = Files.readString(pidFile).strip().split(" ");
                ProcessHandle.of(Long.parseLong(recorded[0]))
                        .filter(p -> p.info().startInstant().map(t -> Long.toString(t.toEpochMilli()))
                                .orElse("").equals(recorded.length > 1 ? recorded[1] : "-"))
                        .ifPresent(p -> {
                            p.descendants().forEach(ProcessHandle::destroyForcibly);
                            p.destroyForcibly();
                        });
            } catch (IOException | RuntimeException e) {
                // a pid file cut short by the crash names nothing to stop; the others still count
            }
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // checked against the start time again next time
            }
        }
    }

    private static void writePid(Path pidFile, Process p) {
        try {
            Files.writeString(pidFile, p.pid() + " " + p.info().startInstant().map(t -> Long.toString(t.toEpochMilli()))
                    .orElse("-"));
        } catch (IOException e) {
            // without it a crash of Kato may leave this instance running; it still runs now
        }
    }

    /** Makes the deployment the component's target; instances converge to it in the background. */
    void apply(Deployment d) {
        if (!d.running()) {
            remove(d.componentId());
            return;
        }
        Group g;
        synchronized (this) { // against the tick dropping an emptied group at this moment
            g = groups.computeIfAbsent(d.componentId(), id -> new Group());
            g.target = d;
        }
        g.converge();
    }

    /** Retires every instance of the component; the group goes once the last has stopped. */
    void remove(String componentId) {
        Group g = groups.get(componentId);
        if (g != null) {
            g.target = null;
            g.converge();
        }
    }

    /** Regular pass: rollouts advance as new instances become ready; emptied groups go. */
    private void tick() {
        if (System.nanoTime() - lastLogCheck > TimeUnit.SECONDS.toNanos(5)) {
            lastLogCheck = System.nanoTime();
            for (Group g : groups.values()) {
                g.instances.forEach(Instance::rotateIfLarge);
            }
        }
        for (Group g : groups.values()) {
            try {
                g.converge();
            } catch (RuntimeException e) {
                // one component's trouble must not stop the others' rollouts
            }
        }
        synchronized (this) {
            groups.values().removeIf(g -> g.target == null && g.instances.isEmpty());
        }
    }

    Observation observe(String componentId) {
        Group g = groups.get(componentId);
        if (g == null) {
            return Observation.absent();
        }
        Deployment shown = g.target != null ? g.target : g.last;
        List<Observation.Instance> seen = new ArrayList<>();
        for (Instance i : g.instances) {
            seen.add(new Observation.Instance(i.id, i.alive(), i.ready(), i.restarts, "127.0.0.1:" + i.port,
                    i.deployment.versionId(), i.deployment.revision(), i.message()));
        }
        return new Observation(true, shown == null ? null : shown.versionId(), shown == null ? 0 : shown.revision(),
                seen);
    }

    /**
     * Drops what a deleted component left: its volumes' data and its instances' logs. Its
     * instances were stopped before it could be deleted; any still draining lose nothing
     * they need (an open file outlives its name).
     */
    void purge(String componentId) {
        remove(componentId);
        volumes.purge(componentId);
        try {
            LocalVolumes.delete(logsRoot.resolve(componentId));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot delete the logs of component " + componentId, e);
        }
    }

    Path logFile(String componentId, String instanceId) {
        return logsRoot.resolve(componentId).resolve(instanceId + ".log");
    }

    /** Stops every instance now (no drain: Kato is stopping), waiting at most the grace period and a little. */
    void stopAll() {
        List<Instance> all = new ArrayList<>();
        synchronized (this) {
            for (Group g : groups.values()) {
                g.target = null;
                g.instances.forEach(i -> i.wanted = false);
                all.addAll(g.instances);
            }
        }
        timer.shutdownNow();
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        all.forEach(i -> done.add(stops.submit(i::terminate)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds + 2L);
        for (var f : done) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                break; // Kato stops anyway; what is left running is stopped at the next start
            }
        }
        stops.shutdownNow();
    }

    /**
     * One component's instances and the deployment they converge to. A rollout surges by one
     * and keeps every old instance serving until a new one is ready to take its place.
     */
    private final class Group {
        volatile Deployment target;
        volatile Deployment last;
        final List<Instance> instances = new CopyOnWriteArrayList<>(); // observed and routed unlocked
        private int next;

        synchronized void converge() {
            Deployment t = target;
            if (t != null) {
                last = t;
            }
            List<Instance> live = instances.stream().filter(i -> !i.stopping).toList();
            if (t == null) {
                live.forEach(this::retire);
                return;
            }
            List<Instance> current = new ArrayList<>(live.stream().filter(i -> same(i.deployment, t)).toList());
            List<Instance> old = live.stream().filter(i -> !same(i.deployment, t)).toList();
            while (current.size() > t.instances()) {
                retire(current.remove(current.size() - 1));
            }
            if (old.isEmpty()) {
                while (current.size() < t.instances()) {
                    current.add(startNew(t));
                }
                return;
            }
            long readyNew = current.stream().filter(Instance::ready).count();
            if (current.size() < t.instances() && readyNew == current.size()) {
                startNew(t);
            }
            // old instances that serve nothing go at once; the others as new ones take their place
            List<Instance> serving = new ArrayList<>();
            for (Instance o : old) {
                if (o.ready()) {
                    serving.add(o);
                } else {
                    retire(o);
                }
            }
            long excess = readyNew + serving.size() - t.instances();
            for (int k = 0; k < excess && k < serving.size(); k++) {
                retire(serving.get(k));
            }
        }

        private Instance startNew(Deployment d) {
            Instance i = new Instance(this, d, d.name() + "-" + next++);
            instances.add(i);
            i.start();
            return i;
        }

        /**
         * Out of the gateway at once (not ready), stopped after the drain time, in the
         * background: stopping several instances takes one grace period, not one each.
         */
        private void retire(Instance i) {
            boolean wasReady = i.ready();
            i.stopping = true;
            i.wanted = false;
            try {
                stops.execute(() -> {
                    try {
                        if (wasReady) {
                            Thread.sleep(drainMillis); // requests the gateway already sent it finish
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    i.terminate();
                    instances.remove(i);
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                i.terminate();
                instances.remove(i);
            }
        }
    }

    /** 1, 2, 4 … 30 seconds: the wait before the next try after that many failures in a row. */
    private static long backOffSeconds(int failures) {
        return Math.min(30, 1L << Math.min(5, failures));
    }

    private static boolean same(Deployment a, Deployment b) {
        return a.versionId().equals(b.versionId()) && a.revision() == b.revision();
    }

    /** One instance of one deployment: its port stays the same across restarts. */
    private final class Instance {
        final Group group;
        final Deployment deployment;
        final String id;
        final int port;
        volatile int restarts;
        volatile boolean wanted = true;
        volatile boolean stopping;
        private volatile Process process;
        private volatile StaticServer site;
        private volatile List<Probe> probes = List.of();
        private final List<ScheduledFuture<?>> probing = new ArrayList<>();
        private volatile String exitMessage;
        /** The init plugin running now, before the instance starts. */
        private volatile String initRunning;
        private volatile boolean initsDone;
        /** The init plugin's process while one runs. */
        private volatile Process helper;
        /** The plugins running beside the instance, by name. */
        private final Map<String, Process> sidecars = new ConcurrentHashMap<>();
        private long startedAt;
        private int failuresInARow;

        Instance(Group group, Deployment deployment, String id) {
            this.group = group;
            this.deployment = deployment;
            this.id = id;
            this.port = freePort();
        }

        private Path dir() {
            return Path.of(deployment.artifact());
        }

        private Path log() {
            return logFile(deployment.componentId(), id);
        }

        synchronized void start() {
            if (!wanted) {
                return;
            }
            Deployment d = deployment;
            try {
                Path log = log();
                Files.createDirectories(log.getParent());
                if (Files.exists(log) && Files.size(log) > maxLogBytes) {
                    Files.move(log, log.resolveSibling(id + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
                }
                Map<String, String> base = environment(System.getenv());
                if (initsDone) {
                    launch(base); // a restart after a crash: init plugins ran for this instance already
                } else {
                    runInit(0, base);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                initRunning = null;
                exitMessage = "cannot start '" + String.join(" ", d.startCommand()) + "': " + e.getMessage();
                restartLater(); // a missing command or folder is retried with back-off, and shows as not alive
            }
        }

        /**
         * Runs the init plugins from {@code index} on, one after the other, each to its end,
         * then the instance. One that fails fails the start, which is retried with back-off
         * from the first init plugin, as a pod's init containers are.
         */
        private synchronized void runInit(int index, Map<String, String> base) throws IOException {
            if (!wanted) {
                return;
            }
            List<Deployment.Plugin> inits = deployment.plugins().stream().filter(Deployment.Plugin::init).toList();
            if (index == inits.size()) {
                initRunning = null;
                initsDone = true;
                launch(base);
                return;
            }
            Deployment.Plugin plugin = inits.get(index);
            if (plugin.localCommand() == null) {
                note("init plugin " + plugin.name() + " has no local command: it runs only where images run");
                runInit(index + 1, base);
                return;
            }
            note("init plugin " + plugin.name() + " starting");
            initRunning = plugin.name();
            Process p = pluginProcess(plugin, base).start();
            helper = p;
            p.onExit().thenRun(() -> initExited(p, plugin, index, base));
        }

        private synchronized void initExited(Process p, Deployment.Plugin plugin, int index, Map<String, String> base) {
            if (!wanted || helper != p) {
                return;
            }
            helper = null;
            if (p.exitValue() == 0) {
                try {
                    runInit(index + 1, base);
                } catch (IOException | java.io.UncheckedIOException e) {
                    initRunning = null;
                    exitMessage = "cannot start: " + e.getMessage();
                    restartLater();
                }
                return;
            }
            initRunning = null;
            exitMessage = "init plugin " + plugin.name() + " exited with status " + p.exitValue() + tail();
            restartLater();
        }

        /** The instance itself (a process or a static site), then the plugins that run beside it. */
        private void launch(Map<String, String> base) throws IOException {
            Deployment d = deployment;
            if (d.startCommand().isEmpty()) {
                site = new StaticServer(dir(), port);
            } else {
                Path log = log();
                ProcessBuilder pb = new ProcessBuilder(d.startCommand()).directory(dir().toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                pb.environment().clear();
                pb.environment().putAll(base);
                probes = List.of(); // the last run's verdicts do not carry over to the new process
                Process p = pb.start();
                process = p;
                startedAt = System.nanoTime();
                writePid(log.resolveSibling(id + ".pid"), p);
                startProbes(base);
                p.onExit().thenRun(() -> exited(p));
            }
            for (Deployment.Plugin plugin : d.plugins()) {
                if (!plugin.init() && plugin.localCommand() != null) {
                    Process running = sidecars.get(plugin.name());
                    if (running == null || !running.isAlive()) {
                        startSidecar(plugin, base, 0);
                    }
                } else if (!plugin.init()) {
                    note("plugin " + plugin.name() + " has no local command: " + (plugin.image() == null
                            ? "Kato's gateway does its part" : "it runs only where images run"));
                }
            }
        }

        /** A plugin beside the instance, restarted with back-off when it exits while the instance is wanted. */
        private synchronized void startSidecar(Deployment.Plugin plugin, Map<String, String> base, int failures) {
            if (!wanted) {
                return;
            }
            long delay = backOffSeconds(failures);
            try {
                note("plugin " + plugin.name() + " starting");
                Process p = pluginProcess(plugin, base).start();
                sidecars.put(plugin.name(), p);
                writePid(log().resolveSibling(id + "." + plugin.name() + ".pid"), p);
                long started = System.nanoTime();
                p.onExit().thenRun(() -> {
                    if (wanted && sidecars.get(plugin.name()) == p) {
                        note("plugin " + plugin.name() + " exited with status " + p.exitValue());
                        // a plugin that ran a minute before it exited starts over with a short back-off
                        int next = System.nanoTime() - started > STEADY_NANOS ? 0 : failures + 1;
                        schedule(() -> startSidecar(plugin, base, next), delay);
                    }
                });
            } catch (IOException e) {
                note("cannot start plugin " + plugin.name() + ": " + e.getMessage());
                schedule(() -> startSidecar(plugin, base, failures + 1), delay);
            }
        }

        private void schedule(Runnable task, long seconds) {
            try {
                timer.schedule(task, seconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the runtime is going away; nothing restarts any more
            }
        }

        /**
         * A plugin's process: its command run by the shell in the instance's folder, with its
         * own env over the host's, and the instance's port and volumes (they share them). Its
         * output goes to the instance's log, where a failing plugin explains itself; {@code
         * KATO_INSTANCE_LOG} names that log, for plugins that collect it.
         */
        private ProcessBuilder pluginProcess(Deployment.Plugin plugin, Map<String, String> base) {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", plugin.localCommand()).directory(dir().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(base);
            env.putAll(plugin.env());
            base.forEach((k, v) -> {
                if (k.equals("PORT") || k.startsWith("KATO_VOLUME_")) {
                    env.put(k, v);
                }
            });
            env.put(INSTANCE_LOG, log().toAbsolutePath().toString());
            return pb;
        }

        /** A line of Kato's own in the instance's log, among what the instance and its plugins write. */
        private void note(String line) {
            try {
                Files.writeString(log(), "[kato] " + line + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                // the line only explains; the instance runs without it
            }
        }

        /**
         * A running process keeps its log open (appending), so the log is copied aside and
         * truncated rather than moved: the process's next line lands at the new start. Lines
         * written between the copy and the truncation are lost; that is the price of not
         * restarting the instance.
         */
        void rotateIfLarge() {
            Path log = log();
            try {
                if (process != null && Files.size(log) > maxLogBytes) {
                    Files.copy(log, log.resolveSibling(id + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
                    try (var channel = java.nio.channels.FileChannel.open(log, java.nio.file.StandardOpenOption.WRITE)) {
                        channel.truncate(0);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no log yet, or the disk is full: the next check tries again
            }
        }

        private Map<String, String> environment(Map<String, String> host) {
            Map<String, String> env = LocalRuntime.baseEnvironment(host);
            env.put("HOME", dir().toString());
            env.putAll(deployment.env());
            env.putAll(volumes.prepare(deployment, id));
            env.put("PORT", Integer.toString(port));
            return env;
        }

        private void startProbes(Map<String, String> env) {
            List<ProbeSpec> specs = new ArrayList<>(deployment.probes());
            if (specs.stream().noneMatch(s -> s.purpose() == ProbeSpec.Purpose.READINESS)) {
                specs.add(Probe.DEFAULT_READINESS);
            }
            List<Probe> fresh = specs.stream().map(Probe::new).toList();
            probes = fresh;
            for (Probe probe : fresh) {
                try {
                    Process probed = process;
                    probing.add(timer.scheduleWithFixedDelay(() -> {
                        if (!probe.run(port, dir(), env) && probe.spec.purpose() == ProbeSpec.Purpose.LIVENESS) {
                            livenessFailed(probe, probed);
                        }
                    }, probe.delayMillis(), probe.periodMillis(), TimeUnit.MILLISECONDS));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    return;
                }
            }
        }

        private synchronized void stopProbes() {
            probing.forEach(f -> f.cancel(false));
            probing.clear();
        }

        /** The failure action of liveness: the process is killed and restarts like a crashed one. */
        private void livenessFailed(Probe probe, Process probed) {
            Process p = process;
            if (p != null && p == probed && p.isAlive() && wanted) { // a late verdict must not kill the next run
                exitMessage = probe.lastFailure() + ": restarted";
                stopProbes();
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }

        private void exited(Process p) {
            if (!wanted || p != process) {
                return;
            }
            stopProbes();
            String why = p.exitValue() == 137 && exitMessage != null ? exitMessage
                    : "exited with status " + p.exitValue();
            exitMessage = why + tail();
            restartLater();
        }

        /** The last lines of the instance's log, so that a crash explains itself in the state. */
        private String tail() {
            try (var channel = Files.newByteChannel(log())) {
                long size = channel.size();
                channel.position(Math.max(0, size - 1024));
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(1024, size));
                channel.read(buffer);
                String[] lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n");
                int from = Math.max(lines.length > 1 && size > 1024 ? 1 : 0, lines.length - 5);
                String last = String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length)).strip();
                return last.isEmpty() ? "" : "; last output:\n" + last;
            } catch (IOException e) {
                return "";
            }
        }

        private void restartLater() {
            if (!wanted) {
                return;
            }
            restarts++;
            // back-off grows with failures in a row and starts over after a minute of running
            if (startedAt != 0 && System.nanoTime() - startedAt > STEADY_NANOS) {
                failuresInARow = 0;
            }
            schedule(this::start, backOffSeconds(failuresInARow++));
        }

        /** SIGTERM to the whole tree, SIGKILL after the grace period; blocks until done. */
        void terminate() {
            wanted = false;
            Process p;
            synchronized (this) { // a start under way finishes first, and is then stopped too
                stopProbes();
                StaticServer s = site;
                if (s != null) {
                    s.stop();
                    site = null;
                }
                p = process;
            }
            List<Process> all = new ArrayList<>(sidecars.values());
            Process init = helper;
            if (init != null) {
                all.add(init);
            }
            if (p != null) {
                all.add(p);
            }
            if (all.isEmpty()) {
                return;
            }
            // The tree as it is now: under dash the recorded process is the shell, which dies at
            // SIGTERM at once while the app it started may take its time, or ignore it.
            List<ProcessHandle> tree = new ArrayList<>();
            for (Process each : all) {
                tree.addAll(each.descendants().toList());
                tree.add(each.toHandle());
            }
            tree.forEach(ProcessHandle::destroy); // SIGTERM: a chance to finish requests and close files
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
            try {
                while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            try {
                Files.deleteIfExists(log().resolveSibling(id + ".pid"));
                for (String plugin : sidecars.keySet()) {
                    Files.deleteIfExists(log().resolveSibling(id + "." + plugin + ".pid"));
                }
            } catch (IOException e) {
                // a stale pid file is checked against the start time before anything is stopped
            }
        }

        boolean alive() {
            Process p = process;
            return site != null || p != null && p.isAlive();
        }

        /** Passes every readiness probe (a static site is ready once it listens) and is not stopping. */
        boolean ready() {
            if (stopping || !alive()) {
                return false;
            }
            if (site != null) {
                return true;
            }
            // no probes yet: the process was started a moment ago and its probes are being set up
            List<Probe> current = probes;
            return !current.isEmpty() && current.stream().filter(p -> p.spec.purpose() == ProbeSpec.Purpose.READINESS)
                    .allMatch(Probe::healthy);
        }

        String message() {
            if (stopping) {
                return "stopping";
            }
            if (!alive()) {
                String init = initRunning;
                return init != null ? "starting: running init plugin " + init : exitMessage;
            }
            if (ready()) {
                return null;
            }
            return probes.stream().map(Probe::lastFailure).filter(java.util.Objects::nonNull).findFirst()
                    .orElse("starting: waiting for readiness");
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new RuntimeFailure("No free port on this machine for a new instance");
        }
    }
}
