package io.kato.core.internal;

import io.kato.api.model.HealthCheck;
import io.kato.api.thirdparty.RegistrationMethod;
import io.kato.store.ComponentRows;
import io.kato.store.Store;
import io.kato.store.ThirdPartyRows;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps third-party components' endpoints current: a handle per registration whose method
 * watches for itself (started with the method, restarted when the registration changes,
 * closed when either goes), writing what it reports; and a health check of every endpoint
 * on each component's period, which takes an endpoint offline after its failure threshold
 * and back after its success threshold.
 */
@org.osgi.service.component.annotations.Component(immediate = true, service = ThirdPartyWatch.class)
public class ThirdPartyWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ThirdPartyWatch.class);
    private final Store store;
    private final RegistrationMethods methods;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            JobServiceImpl.named("kato-third-party"));
    private final ExecutorService checks = Executors.newFixedThreadPool(4, JobServiceImpl.named("kato-health-check"));
    /** By component id: the running handle and what it was started with. */
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    /** By component id and address: consecutive outcomes of the health check, and when it is next due. */
    private final Map<String, Streak> streaks = new ConcurrentHashMap<>();

    /** One start of a method for a component: its reports count while it is the component's current watch. */
    private static final class Watch {
        final RegistrationMethod method;
        final String started;
        volatile AutoCloseable handle = () -> {
        };

        Watch(RegistrationMethod method, String started) {
            this.method = method;
            this.started = started;
        }
    }

    private static final class Streak {
        int failures;
        int successes;
        long dueNanos;
        boolean running;
    }

    private final Runnable onChange = () -> {
        try {
            loop.execute(this::syncQuietly);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // deactivated: the next activation syncs anyway
        }
    };

    @Activate
    public ThirdPartyWatch(@Reference Store store, @Reference RegistrationMethods methods) {
        this.store = store;
        this.methods = methods;
        methods.onChange(onChange);
        loop.scheduleWithFixedDelay(this::syncQuietly, 0, 2, TimeUnit.SECONDS);
        loop.scheduleWithFixedDelay(this::checkQuietly, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        methods.removeListener(onChange);
        loop.shutdownNow();
        checks.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS); // a sync under way may still start a handle
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watches.values().forEach(w -> close(w.handle));
        watches.clear();
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("Third-party registrations could not be read: {}", e.getMessage());
        }
    }

    /** Starts, restarts and closes handles so that each watching registration has one with its current config. */
    void sync() {
        List<ThirdPartyRows.Registration> all = store.inTransaction(tx -> new ThirdPartyRows(tx).registrations());
        Set<String> wanted = new HashSet<>();
        for (ThirdPartyRows.Registration r : all) {
            RegistrationMethod m = methods.byName(r.method()).orElse(null);
            Watch w = watches.get(r.componentId());
            if (m == null || m.pushed()) {
                continue; // away (its endpoints stay as they were) or fed through the API
            }
            wanted.add(r.componentId());
            int port = store.inTransaction(tx -> new ComponentRows(tx).byId(r.componentId()))
                    .map(c -> c.ports().isEmpty() ? 0 : c.ports().get(0).port()).orElse(0);
            String started = r.method() + "\0" + r.configJson() + "\0" + port; // a new port: addresses without one move
            if (w != null && w.method == m && w.started.equals(started)) {
                continue;
            }
            if (w != null) {
                close(w.handle);
            }
            // current before it starts: a method may report from inside start (the static one does)
            Watch next = new Watch(m, started);
            watches.put(r.componentId(), next);
            try {
                next.handle = m.start(r.componentId(), ThirdPartyServiceImpl.readConfig(r.configJson()), port,
                        endpoints -> reported(r.componentId(), next, endpoints));
            } catch (RuntimeException e) {
                LOG.warn("Registration method {} could not start for component {}: {}", m.name(), r.componentId(),
                        e.getMessage());
                watches.remove(r.componentId());
            }
        }
        watches.entrySet().removeIf(e -> {
            boolean gone = !wanted.contains(e.getKey()) || methods.byName(e.getValue().method.name())
                    .filter(m -> m == e.getValue().method).isEmpty();
            if (gone) {
                close(e.getValue().handle);
            }
            return gone;
        });
    }

    /** A method's full list: new addresses come in healthy until checked, gone ones go, the rest keep their health. */
    private void reported(String componentId, Watch from, List<RegistrationMethod.Endpoint> endpoints) {
        if (watches.get(componentId) != from) {
            return; // a late report of a handle replaced or closed meanwhile
        }
        Map<String, Boolean> online = new HashMap<>();
        endpoints.stream().limit(ThirdPartyServiceImpl.MAX_ENDPOINTS).forEach(e -> online.put(e.address(), e.online()));
        Instant now = Instant.now();
        store.inTransaction(tx -> {
            ThirdPartyRows rows = new ThirdPartyRows(tx);
            if (rows.registration(componentId).isEmpty()) {
                return null;
            }
            Map<String, ThirdPartyRows.Endpoint> before = new HashMap<>();
            rows.endpoints(componentId).forEach(e -> before.put(e.address(), e));
            before.keySet().stream().filter(a -> !online.containsKey(a)).forEach(a -> rows.removeEndpoint(componentId, a));
            online.forEach((address, on) -> {
                ThirdPartyRows.Endpoint old = before.get(address);
                if (old == null || old.online() != on) {
                    rows.putEndpoint(new ThirdPartyRows.Endpoint(componentId, address, on,
                            old == null || old.healthy(), old == null ? null : old.message(), now));
                }
            });
            return null;
        });
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("Third-party health checks could not run: {}", e.getMessage());
        }
    }

    /** Checks each endpoint whose period has come, on the check pool; a check still running is not doubled. */
    void check() {
        record Due(String componentId, HealthCheck health, ThirdPartyRows.Endpoint endpoint) {
        }
        Map<String, HealthCheck> health = new HashMap<>();
        Map<String, List<ThirdPartyRows.Endpoint>> endpoints = store.inTransaction(tx -> {
            ThirdPartyRows rows = new ThirdPartyRows(tx);
            rows.registrations().forEach(r -> health.put(r.componentId(), ThirdPartyServiceImpl.readHealth(r.healthJson())));
            return rows.allEndpoints();
        });
        long now = System.nanoTime();
        Set<String> present = new HashSet<>();
        endpoints.forEach((componentId, list) -> {
            HealthCheck h = health.get(componentId);
            for (ThirdPartyRows.Endpoint e : list) {
                String key = componentId + " " + e.address();
                present.add(key);
                if (h == null || h.kind().equals("none")) {
                    continue;
                }
                Streak s = streaks.computeIfAbsent(key, k -> new Streak());
                synchronized (s) {
                    if (s.running || now - s.dueNanos < 0) {
                        continue;
                    }
                    s.running = true;
                    s.dueNanos = now + TimeUnit.SECONDS.toNanos(h.periodSeconds());
                }
                Due due = new Due(componentId, h, e);
                checks.execute(() -> probe(due.componentId(), due.health(), due.endpoint(), s));
            }
        });
        streaks.keySet().retainAll(present);
    }

    private void probe(String componentId, HealthCheck h, ThirdPartyRows.Endpoint e, Streak s) {
        String failure = failure(h, e.address());
        boolean flip;
        boolean healthy;
        synchronized (s) {
            s.running = false;
            if (failure == null) {
                s.successes++;
                s.failures = 0;
            } else {
                s.failures++;
                s.successes = 0;
            }
            healthy = e.healthy() ? s.failures < h.failureThreshold() : s.successes >= h.successThreshold();
            flip = healthy != e.healthy();
        }
        if (flip) {
            String message = healthy ? null : failure + " (" + h.failureThreshold() + " checks in a row)";
            store.inTransaction(tx -> new ThirdPartyRows(tx).setHealth(componentId, e.address(), healthy, message,
                    Instant.now()));
            LOG.info("Third-party endpoint {} of component {} is {}", e.address(), componentId,
                    healthy ? "healthy again" : "offline: " + failure);
        }
    }

    /** Why the endpoint fails its check now, or null when it passes. */
    static String failure(HealthCheck h, String address) {
        String host = ThirdPartyServiceImpl.host(address);
        int port = Integer.parseInt(ThirdPartyServiceImpl.port(address));
        int timeout = (int) TimeUnit.SECONDS.toMillis(h.timeoutSeconds());
        if (h.kind().equals("http")) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://" + address + h.path()).toURL()
                        .openConnection();
                c.setConnectTimeout(timeout);
                c.setReadTimeout(timeout);
                c.setInstanceFollowRedirects(false);
                int status = c.getResponseCode();
                c.disconnect();
                return status < 400 ? null : "HTTP " + status + " from " + h.path();
            } catch (IOException | IllegalArgumentException ex) {
                return "no HTTP answer: " + ex.getMessage();
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeout);
            return null;
        } catch (IOException ex) {
            return "no TCP connection: " + ex.getMessage();
        }
    }

    private static void close(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            LOG.debug("Closing a registration handle failed: {}", e.getMessage());
        }
    }
}
