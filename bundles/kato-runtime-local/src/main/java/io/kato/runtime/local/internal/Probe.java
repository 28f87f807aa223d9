package io.kato.runtime.local.internal;

import io.kato.api.build.ProbeSpec;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One probe of one instance, with its run of consecutive results. A probe is healthy once
 * it passed {@code successThreshold} times in a row and unhealthy once it failed
 * {@code failureThreshold} times in a row; in between it keeps its last verdict. On this
 * runtime every probed port is the instance's {@code PORT}: it has only that one.
 */
final class Probe {
    /**
     * Readiness when a deployment names none: the port accepts a connection, checked every
     * second; three failures in a row take the instance out (one slow accept under load must not).
     */
    static final ProbeSpec DEFAULT_READINESS = new ProbeSpec(ProbeSpec.Purpose.READINESS, ProbeSpec.Kind.TCP, 0, null,
            0, 1, 2, 1, 3);

    final ProbeSpec spec;
    private int successes;
    private int failures;
    private volatile boolean healthy;
    private volatile String lastFailure;

    Probe(ProbeSpec spec) {
        this.spec = spec;
        // liveness is presumed until it fails; readiness must be earned
        this.healthy = spec.purpose() == ProbeSpec.Purpose.LIVENESS;
    }

    boolean healthy() {
        return healthy;
    }

    String lastFailure() {
        return lastFailure;
    }

    long periodMillis() {
        return TimeUnit.SECONDS.toMillis(Math.max(1, spec.periodSeconds()));
    }

    long delayMillis() {
        return TimeUnit.SECONDS.toMillis(Math.max(0, spec.delaySeconds()));
    }

    /** Probes once and updates the verdict; returns the verdict. */
    boolean run(int port, Path dir, Map<String, String> env) {
        String failure = check(port, dir, env);
        if (failure == null) {
            failures = 0;
            if (++successes >= Math.max(1, spec.successThreshold())) {
                healthy = true;
                lastFailure = null;
            }
        } else {
            successes = 0;
            lastFailure = failure;
            if (++failures >= Math.max(1, spec.failureThreshold())) {
                healthy = false;
            }
        }
        return healthy;
    }

    /** Null when the probe passes, else why it failed. */
    private String check(int port, Path dir, Map<String, String> env) {
        int timeoutMillis = (int) TimeUnit.SECONDS.toMillis(Math.max(1, spec.timeoutSeconds()));
        String name = spec.purpose().name().toLowerCase() + " probe (" + spec.kind().name().toLowerCase() + ")";
        switch (spec.kind()) {
            case TCP -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
                    return null;
                } catch (IOException e) {
                    return name + ": nothing accepts connections on PORT " + port;
                }
            }
            case HTTP -> {
                String path = spec.target() == null || spec.target().isBlank() ? "/" : spec.target();
                try {
                    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port
                            + (path.startsWith("/") ? path : "/" + path)).toURL().openConnection();
                    c.setConnectTimeout(timeoutMillis);
                    c.setReadTimeout(timeoutMillis);
                    c.setInstanceFollowRedirects(false);
                    int status = c.getResponseCode();
                    c.disconnect(); // the body does not matter; the connection is not kept for the next probe
                    return status >= 200 && status < 400 ? null : name + ": GET " + path + " answered " + status;
                } catch (IOException | IllegalArgumentException e) {
                    return name + ": GET " + path + " failed (" + e.getMessage() + ")";
                }
            }
            case CMD -> {
                try {
                    ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", spec.target() == null ? "false"
                            : spec.target())).directory(dir.toFile()).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                    pb.environment().clear();
                    pb.environment().putAll(env);
                    Process p = pb.start();
                    if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                        return name + ": '" + spec.target() + "' ran over " + spec.timeoutSeconds() + " s";
                    }
                    return p.exitValue() == 0 ? null : name + ": '" + spec.target() + "' exited with " + p.exitValue();
                } catch (IOException e) {
                    return name + ": '" + spec.target() + "' cannot run (" + e.getMessage() + ")";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return name + ": interrupted";
                }
            }
            default -> {
                return name + ": unknown kind";
            }
        }
    }
}
