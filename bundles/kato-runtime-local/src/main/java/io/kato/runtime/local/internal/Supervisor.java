package io.kato.runtime.local.internal;

import io.kato.api.runtime.Deployment;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.RuntimeFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The instances of every deployed component on this machine: each a supervised process
 * (or, for a static version, an in-process file server) on a port of its own, with its env
 * and {@code PORT}, its output in a log file, restarted with back-off when it exits while
 * wanted, stopped with SIGTERM to its whole tree and SIGKILL after a grace period.
 */
final class Supervisor {
    private static final long MAX_LOG_BYTES = 10L << 20;
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final Path logsRoot;
    private final int graceSeconds;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kato-local-restarts");
        t.setDaemon(true);
        return t;
    });

    Supervisor(Path logsRoot, int graceSeconds) {
        this.logsRoot = logsRoot;
        this.graceSeconds = graceSeconds;
        stopLeftovers();
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
        try (var files = Files.walk(logsRoot)) {
            for (Path pidFile : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String[] recorded = Files.readString(pidFile).strip().split(" ");
                ProcessHandle.of(Long.parseLong(recorded[0]))
                        .filter(p -> p.info().startInstant().map(t -> Long.toString(t.toEpochMilli()))
                                .orElse("").equals(recorded.length > 1 ? recorded[1] : "-"))
                        .ifPresent(p -> {
                            p.descendants().forEach(ProcessHandle::destroyForcibly);
                            p.destroyForcibly();
                        });
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException | RuntimeException e) {
            // a pid file that cannot be read names nothing to stop
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

    synchronized void apply(Deployment d) {
        Group g = groups.get(d.componentId());
        if (!d.running()) {
            remove(d.componentId());
            return;
        }
        if (g != null && !g.deployment.versionId().equals(d.versionId())) {
            remove(d.componentId()); // another version: the old instances go first (rolling comes later)
            g = null;
        }
        if (g == null) {
            g = new Group(d);
            groups.put(d.componentId(), g);
        }
        g.scaleTo(d.instances());
    }

    synchronized void remove(String componentId) {
        Group g = groups.remove(componentId);
        if (g != null) {
            g.instances.forEach(Instance::stop);
        }
    }

    Observation observe(String componentId) {
        Group g = groups.get(componentId);
        if (g == null) {
            return Observation.absent();
        }
        List<Observation.Instance> seen = new ArrayList<>();
        for (Instance i : List.copyOf(g.instances)) {
            seen.add(new Observation.Instance(i.id, i.alive(), i.ready(), i.restarts, "127.0.0.1:" + i.port));
        }
        return new Observation(true, g.deployment.versionId(), seen);
    }

    Path logFile(String componentId, String instanceId) {
        return logsRoot.resolve(componentId).resolve(instanceId + ".log");
    }

    synchronized void stopAll() {
        List.copyOf(groups.keySet()).forEach(this::remove);
        restarts.shutdownNow();
    }

    /** One component's instances, all of one version. */
    private final class Group {
        final Deployment deployment;
        final List<Instance> instances = new java.util.concurrent.CopyOnWriteArrayList<>(); // observed unlocked

        Group(Deployment deployment) {
            this.deployment = deployment;
        }

        void scaleTo(int count) {
            while (instances.size() > count) {
                instances.remove(instances.size() - 1).stop();
            }
            while (instances.size() < count) {
                Instance i = new Instance(this, deployment.name() + "-" + instances.size());
                instances.add(i);
                i.start();
            }
        }
    }

    /** One instance: its port stays the same across restarts. */
    private final class Instance {
        final Group group;
        final String id;
        final int port;
        volatile int restarts;
        private volatile boolean wanted = true;
        private volatile Process process;
        private volatile StaticServer site;

        Instance(Group group, String id) {
            this.group = group;
            this.id = id;
            this.port = freePort();
        }

        synchronized void start() {
            if (!wanted) {
                return;
            }
            Deployment d = group.deployment;
            Path dir = Path.of(d.artifact());
            try {
                if (d.startCommand().isEmpty()) {
                    site = new StaticServer(dir, port);
                    return;
                }
                Path log = logFile(d.componentId(), id);
                Files.createDirectories(log.getParent());
                if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
                    Files.move(log, log.resolveSibling(id + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
                }
                ProcessBuilder pb = new ProcessBuilder(d.startCommand()).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                Map<String, String> env = pb.environment();
                Map<String, String> base = LocalRuntime.baseEnvironment(Map.copyOf(env));
                env.clear();
                env.putAll(base);
                env.put("HOME", dir.toString());
                env.putAll(d.env());
                env.put("PORT", Integer.toString(port));
                Process p = pb.start();
                process = p;
                writePid(log.resolveSibling(id + ".pid"), p);
                p.onExit().thenRun(() -> exited(p));
            } catch (IOException e) {
                restartLater(); // a missing command or folder is retried with back-off, and shows as not alive
            }
        }

        private void exited(Process p) {
            if (wanted && p == process) {
                restartLater();
            }
        }

        private void restartLater() {
            if (!wanted) {
                return;
            }
            restarts++;
            long delay = Math.min(30, 1L << Math.min(5, restarts - 1));
            try {
                Supervisor.this.restarts.schedule(this::start, delay, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the runtime is going away; nothing restarts any more
            }
        }

        synchronized void stop() {
            wanted = false;
            if (site != null) {
                site.stop();
                site = null;
            }
            Process p = process;
            if (p == null) {
                return;
            }
            // The tree as it is now: under dash the recorded process is the shell, which dies at
            // SIGTERM at once while the app it started may take its time, or ignore it.
            List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
            tree.add(p.toHandle());
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
                Files.deleteIfExists(logFile(group.deployment.componentId(), id).resolveSibling(id + ".pid"));
            } catch (IOException e) {
                // a stale pid file is checked against the start time before anything is stopped
            }
        }

        boolean alive() {
            return site != null || process != null && process.isAlive();
        }

        /** Readiness, until probes come: the port accepts a connection. */
        boolean ready() {
            if (!alive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
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
