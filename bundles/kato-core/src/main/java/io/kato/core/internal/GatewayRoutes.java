package io.kato.core.internal;

import io.kato.api.gateway.RouteTable;
import io.kato.api.model.Component;
import io.kato.api.model.Port;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.Runtime;
import io.kato.store.ComponentRows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default domains, kept in memory: a snapshot of host → component rebuilt from the
 * store every second (and at once, at most twice a second, when a request names an
 * unknown host), and the ready instances asked of the active runtime per request, which
 * is cheap by the runtime SPI's contract.
 */
@org.osgi.service.component.annotations.Component(service = RouteTable.class, configurationPid = "io.kato.gateway")
public class GatewayRoutes implements RouteTable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRoutes.class);
    private static final long MISS_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** The part of {@code etc/io.kato.gateway.cfg} the routes need (the gateway bundle describes it all). */
    @ObjectClassDefinition(name = "Kato gateway routes")
    public @interface Config {
        @AttributeDefinition(description = "Default domains are <component>-<team>.<baseDomain>")
        String baseDomain() default "localhost";

        @AttributeDefinition(description = "Port users reach the gateway at, shown in components' urls")
        int publicPort() default 8880;

        @AttributeDefinition(description = "Scheme users reach the gateway with (http or https)")
        String publicScheme() default "http";
    }

    private record Target(String componentId, String team, String name, boolean running) {
    }

    private final Store store;
    private final Runtimes runtimes;
    private volatile Config config;
    private volatile Map<String, Target> byHost = Map.of();
    private final AtomicLong lastRefresh = new AtomicLong(System.nanoTime() - MISS_REFRESH_NANOS);
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            JobServiceImpl.named("kato-routes"));

    @Activate
    public GatewayRoutes(@Reference Store store, @Reference Runtimes runtimes, Config config) {
        this.store = store;
        this.runtimes = runtimes;
        this.config = config;
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, 1, TimeUnit.SECONDS);
    }

    @Modified
    void modified(Config changed) {
        this.config = changed;
        refreshQuietly();
    }

    @Deactivate
    void deactivate() {
        refresher.shutdownNow();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("Gateway routes could not be read: {}", e.getMessage());
        }
    }

    /** Rebuilds the host map from the store. */
    void refresh() {
        lastRefresh.set(System.nanoTime());
        Map<String, Target> hosts = new HashMap<>();
        Map<String, String> teams = new HashMap<>();
        String base = config.baseDomain();
        for (int offset = 0; ; offset += 500) {
            int from = offset;
            List<Component> page = store.inTransaction(tx -> {
                List<Component> all = new ComponentRows(tx).all(from, 500);
                TeamRows teamRows = new TeamRows(tx);
                for (Component c : all) {
                    teams.computeIfAbsent(c.teamId(), id -> teamRows.byId(id).map(t -> t.name()).orElse(null));
                }
                return all;
            });
            for (Component c : page) {
                String team = teams.get(c.teamId());
                if (team != null && outerPort(c).isPresent()) {
                    hosts.put(domain(c.name(), team, base), new Target(c.id(), team, c.name(), c.desiredRunning()));
                }
            }
            if (page.size() < 500) {
                break;
            }
        }
        byHost = Map.copyOf(hosts);
    }

    static String domain(String component, String team, String base) {
        return (component + "-" + team + "." + base).toLowerCase(Locale.ROOT);
    }

    private static Optional<Port> outerPort(Component c) {
        return c.ports().stream().filter(Port::outer).findFirst();
    }

    @Override
    public Optional<Route> route(String host, String path) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        Target t = byHost.get(name);
        if (t == null) {
            long last = lastRefresh.get();
            if (System.nanoTime() - last > MISS_REFRESH_NANOS && lastRefresh.compareAndSet(last, System.nanoTime())) {
                refreshQuietly(); // a component made a moment ago answers without waiting for the next refresh
                t = byHost.get(name);
            }
            if (t == null) {
                return Optional.empty();
            }
        }
        Optional<Runtime> runtime = runtimes.active();
        List<String> ready = runtime.isEmpty() ? List.of() : runtime.get().observe(t.componentId()).instances()
                .stream().filter(Observation.Instance::ready).map(Observation.Instance::address)
                .filter(a -> a != null).toList();
        return Optional.of(new Route(t.team(), t.name(), t.running(), ready));
    }

    @Override
    public List<String> urls(String team, Component component) {
        if (outerPort(component).isEmpty()) {
            return List.of();
        }
        Config c = config;
        boolean defaultPort = c.publicScheme().equals("http") && c.publicPort() == 80
                || c.publicScheme().equals("https") && c.publicPort() == 443;
        return List.of(c.publicScheme() + "://" + domain(component.name(), team, c.baseDomain())
                + (defaultPort ? "" : ":" + c.publicPort()) + "/");
    }
}
