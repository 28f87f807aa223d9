package io.kato.core.internal;

import io.kato.api.gateway.GatewayPolicy;
import io.kato.api.gateway.RouteTable;
import io.kato.api.model.GatewayRule;
import io.kato.api.model.Component;
import io.kato.api.model.Port;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.Runtime;
import io.kato.store.ComponentRows;
import io.kato.store.PluginRows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default domains and custom rules, kept in memory: a snapshot of host → components
 * rebuilt from the store every second (and at once, at most twice a second, when a request names an
 * unknown host), and the ready instances asked of the team's runtime per request, which
 * is cheap by the runtime SPI's contract.
 */
@org.osgi.service.component.annotations.Component(service = {RouteTable.class, GatewayRoutes.class},
        configurationPid = "io.kato.gateway")
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

    private record Target(String componentId, String teamId, String team, String name, boolean running,
                          GatewayPolicy policy) {
        Route route(Runtimes runtimes) {
            return new Route(team, name, running, ready(this, runtimes), policy);
        }
    }

    /** A custom rule ready to match: its backends resolved to components. */
    private record CompiledRule(GatewayRule rule, List<Target> targets) {
        boolean matches(String path, Function<String, String> header) {
            String p = rule.pathPrefix();
            boolean pathOk = p.equals("/") || path.equals(p) || path.startsWith(p + "/");
            return pathOk && rule.headers().entrySet().stream().allMatch(h -> h.getValue().equals(header.apply(h.getKey())));
        }
    }

    /** What the gateway routes now: default domains and custom rules (most specific first per domain). */
    private record Snapshot(Map<String, Target> defaults, Map<String, List<CompiledRule>> rules,
                            Map<String, List<String>> ruleUrls) {
    }

    private final Store store;
    private final Runtimes runtimes;
    private final Secrets secrets;
    private final PluginInstallServiceImpl plugins;
    private volatile long certificatesVersion;
    /** The certificates by domain, keys in the clear, reloaded when their fingerprint changes. */
    private volatile Map<String, ServedCertificate> servedByDomain;
    private volatile Config config;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of());
    private final AtomicLong lastRefresh = new AtomicLong(System.nanoTime() - MISS_REFRESH_NANOS);
    /** Set when this node changed a component or rule since the last refresh began. */
    private final java.util.concurrent.atomic.AtomicBoolean stale = new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            JobServiceImpl.named("kato-routes"));

    @Activate
    public GatewayRoutes(@Reference Store store, @Reference Runtimes runtimes, @Reference Secrets secrets,
                         @Reference PluginInstallServiceImpl plugins, Config config) {
        this.store = store;
        this.plugins = plugins;
        this.runtimes = runtimes;
        this.secrets = secrets;
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

    String baseDomain() {
        return config.baseDomain().toLowerCase(Locale.ROOT);
    }

    void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("Gateway routes could not be read: {}", e.getMessage());
        }
    }

    /**
     * Says a component or rule changed here: the next request for a host the table does not
     * know rebuilds it at once, whatever the rate limit of such rebuilds (a component made a
     * moment ago answers at once; hosts nobody made still cost at most two rebuilds a second).
     */
    void changed() {
        stale.set(true);
    }

    /**
     * Rebuilds the host map from the store. One at a time: a slower rebuild that started
     * earlier must not publish its older table over a newer one.
     */
    synchronized void refresh() {
        stale.set(false); // a change committed after this point sets it again
        lastRefresh.set(System.nanoTime());
        Map<String, Target> hosts = new HashMap<>();
        Map<String, Target> byTeamAndName = new HashMap<>();
        Map<String, String> teams = new HashMap<>();
        Map<String, GatewayPolicy> policies = new HashMap<>();
        String base = config.baseDomain();
        for (int offset = 0; ; offset += 500) {
            int from = offset;
            List<Component> page = store.inTransaction(tx -> {
                List<Component> all = new ComponentRows(tx).all(from, 500);
                TeamRows teamRows = new TeamRows(tx);
                Set<String> withPlugins = new PluginRows(tx).componentsWithEnabledInstalls();
                for (Component c : all) {
                    teams.computeIfAbsent(c.teamId(), id -> teamRows.byId(id).map(t -> t.name()).orElse(null));
                    if (withPlugins.contains(c.id())) {
                        policies.put(c.id(), plugins.gatewayPolicy(tx, c));
                    }
                }
                return all;
            });
            for (Component c : page) {
                String team = teams.get(c.teamId());
                if (team == null) {
                    continue;
                }
                Target target = new Target(c.id(), c.teamId(), team, c.name(), c.desiredRunning(),
                        policies.getOrDefault(c.id(), GatewayPolicy.NONE));
                byTeamAndName.put(team + "/" + c.name(), target);
                if (outerPort(c).isPresent()) {
                    hosts.put(domain(c.name(), team, base), target);
                }
            }
            if (page.size() < 500) {
                break;
            }
        }
        Map<String, List<CompiledRule>> rules = new HashMap<>();
        Map<String, List<String>> ruleUrls = new HashMap<>();
        for (GatewayRule rule : store.inTransaction(GatewayRuleServiceImpl::all)) {
            List<Target> targets = new ArrayList<>();
            for (GatewayRule.Backend b : rule.backends()) {
                Target t = byTeamAndName.get(rule.team() + "/" + b.component());
                targets.add(t); // null when the component went away: never chosen
                if (t != null && b.weight() > 0) {
                    ruleUrls.computeIfAbsent(rule.team() + "/" + b.component(), k -> new ArrayList<>())
                            .add(url(rule.domain()) + (rule.pathPrefix().equals("/") ? "" : rule.pathPrefix().substring(1)
                                    + "/"));
                }
            }
            rules.computeIfAbsent(rule.domain(), d -> new ArrayList<>()).add(new CompiledRule(rule, targets));
        }
        // the longest prefix first, then the rule with more headers to match
        rules.values().forEach(list -> list.sort(Comparator.comparingInt((CompiledRule r) -> r.rule().pathPrefix()
                .length()).thenComparingInt(r -> r.rule().headers().size()).reversed()));
        snapshot = new Snapshot(Map.copyOf(hosts), Map.copyOf(rules), Map.copyOf(ruleUrls));
        long certs = store.inTransaction(tx -> new io.kato.store.CertificateRows(tx).fingerprint()).hashCode();
        if (certs != certificatesVersion || servedByDomain == null) {
            Map<String, ServedCertificate> byDomain = new HashMap<>();
            certificates().forEach(c -> byDomain.put(c.domain().toLowerCase(Locale.ROOT), c));
            servedByDomain = Map.copyOf(byDomain);
        }
        certificatesVersion = certs;
    }

    /**
     * The ways in to a component, for a runtime whose own edge routes them (a cluster's
     * ingress): its default domain to its first outer port, and each custom rule that gives
     * it a share of the requests, with that share in percent; with the certificate of each
     * host that has one (exact, or a wildcard one level up). Read from the last refresh.
     */
    List<io.kato.api.runtime.Deployment.Route> ingress(String team, Component c) {
        Optional<Port> port = outerPort(c).or(() -> c.ports().stream().findFirst());
        if (port.isEmpty()) {
            return List.of();
        }
        Snapshot s = snapshot;
        List<io.kato.api.runtime.Deployment.Route> out = new ArrayList<>();
        if (outerPort(c).isPresent()) {
            out.add(ingressRoute(domain(c.name(), team, config.baseDomain()), "/", port.get().port(), 100, true,
                    Map.of()));
        }
        for (List<CompiledRule> perDomain : s.rules().values()) {
            for (CompiledRule r : perDomain) {
                int total = 0;
                int mine = 0;
                int heaviest = -1;
                String primary = null;
                for (int i = 0; i < r.targets().size(); i++) {
                    Target t = r.targets().get(i);
                    int weight = t == null ? 0 : r.rule().backends().get(i).weight();
                    total += weight;
                    mine += t != null && t.componentId().equals(c.id()) ? weight : 0;
                    if (weight > heaviest) {
                        heaviest = weight;
                        primary = t == null ? null : t.componentId();
                    }
                }
                if (mine > 0) {
                    out.add(ingressRoute(r.rule().domain(), r.rule().pathPrefix(), port.get().port(),
                            mine * 100 / total, c.id().equals(primary), r.rule().headers()));
                }
            }
        }
        // the same routes in the same order on every node and after every restart: the runtime
        // compares them with what it applied last, and names its objects after their places
        out.sort(Comparator.comparing(io.kato.api.runtime.Deployment.Route::host)
                .thenComparing(io.kato.api.runtime.Deployment.Route::path)
                .thenComparing(r -> new java.util.TreeMap<>(r.headers()).toString()));
        return out;
    }

    private io.kato.api.runtime.Deployment.Route ingressRoute(String host, String path, int port, int weight,
                                                            boolean primary, Map<String, String> headers) {
        Map<String, ServedCertificate> served = servedByDomain == null ? Map.of() : servedByDomain;
        ServedCertificate cert = served.get(host);
        if (cert == null && host.indexOf('.') > 0) {
            cert = served.get("*" + host.substring(host.indexOf('.')));
        }
        return new io.kato.api.runtime.Deployment.Route(host, path, port, weight, primary, headers,
                cert == null ? null : cert.chainPem(), cert == null ? null : cert.keyPem());
    }

    @Override
    public List<ServedCertificate> certificates() {
        return store.inTransaction(tx -> new io.kato.store.CertificateRows(tx).all()).stream()
                .map(r -> new ServedCertificate(r.domain(), r.chainPem(), secrets.open(r.keySealed()))).toList();
    }

    @Override
    public long certificatesVersion() {
        return certificatesVersion;
    }

    static String domain(String component, String team, String base) {
        return (defaultLabel(component, team) + "." + base).toLowerCase(Locale.ROOT);
    }

    /** The first label of a component's default domain; checked for clashes when a component is made. */
    static String defaultLabel(String component, String team) {
        return component + "-" + team;
    }

    private static Optional<Port> outerPort(Component c) {
        return c.ports().stream().filter(Port::outer).findFirst();
    }

    @Override
    public Optional<Route> route(String host, String path, Function<String, String> header) {
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
        Snapshot s = snapshot;
        if (!s.defaults().containsKey(name) && !s.rules().containsKey(name)) {
            long last = lastRefresh.get();
            if (stale.get() || System.nanoTime() - last > MISS_REFRESH_NANOS
                    && lastRefresh.compareAndSet(last, System.nanoTime())) {
                refreshQuietly(); // a component made a moment ago answers without waiting for the next refresh
                s = snapshot;
            }
        }
        Target t = s.defaults().get(name);
        for (CompiledRule rule : s.rules().getOrDefault(name, List.of())) {
            // on a default domain only its own team's rules count, whichever came first
            if ((t == null || rule.rule().team().equals(t.team())) && rule.matches(path == null ? "/" : path, header)) {
                return Optional.of(choose(rule, runtimes));
            }
        }
        return t == null ? Optional.empty() : Optional.of(t.route(runtimes));
    }

    /** A backend by weight among those with a ready instance (all of them unready: the heaviest, for its 503). */
    private static Route choose(CompiledRule rule, Runtimes runtimes) {
        List<GatewayRule.Backend> backends = rule.rule().backends();
        List<Route> candidates = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        Route fallback = null;
        int heaviest = -1;
        for (int i = 0; i < backends.size(); i++) {
            Target t = rule.targets().get(i);
            int weight = backends.get(i).weight();
            if (t == null || weight == 0) {
                continue;
            }
            Route r = t.route(runtimes);
            if (weight > heaviest) {
                heaviest = weight;
                fallback = r;
            }
            if (!r.upstreams().isEmpty()) {
                candidates.add(r);
                weights.add(weight);
            }
        }
        if (candidates.isEmpty()) {
            return fallback != null ? fallback
                    : new Route(rule.rule().team(), backends.get(0).component(), false, List.of());
        }
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        int pick = ThreadLocalRandom.current().nextInt(total);
        for (int i = 0; i < candidates.size(); i++) {
            pick -= weights.get(i);
            if (pick < 0) {
                return candidates.get(i);
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    private static List<String> ready(Target t, Runtimes runtimes) {
        Optional<Runtime> runtime = runtimes.forTeam(t.teamId());
        return runtime.isEmpty() ? List.of() : runtime.get().observe(t.componentId()).instances()
                .stream().filter(Observation.Instance::ready).map(Observation.Instance::address)
                .filter(a -> a != null).toList();
    }

    @Override
    public List<String> urls(String team, Component component) {
        List<String> urls = new ArrayList<>();
        if (outerPort(component).isPresent()) {
            urls.add(url(domain(component.name(), team, config.baseDomain())));
        }
        urls.addAll(snapshot.ruleUrls().getOrDefault(team + "/" + component.name(), List.of()));
        return urls;
    }

    private String url(String domain) {
        Config c = config;
        boolean defaultPort = c.publicScheme().equals("http") && c.publicPort() == 80
                || c.publicScheme().equals("https") && c.publicPort() == 443;
        return c.publicScheme() + "://" + domain + (defaultPort ? "" : ":" + c.publicPort()) + "/";
    }
}
