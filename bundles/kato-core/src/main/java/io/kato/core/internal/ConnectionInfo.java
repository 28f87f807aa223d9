package io.kato.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.kato.api.model.Component;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Port;
import io.kato.store.ComponentRows;
import io.kato.store.DependencyRows;
import io.kato.store.TeamRows;
import io.kato.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Connection information: what a component offers its dependents (its env vars of scope
 * {@code connection}, and {@code <ALIAS>_HOST}/{@code <ALIAS>_PORT} of each inner port at the
 * address its runtime gives it), and what a dependent receives from all its dependencies at
 * a start, restart or upgrade: their offers, in the order of their names (a later one wins a
 * name two offer), and {@value #DEPENDENCIES}, their names. What was received is kept sealed
 * with a fingerprint, so that the instances get that copy until the next such operation and
 * a change since shows as stale.
 */
final class ConnectionInfo {
    /** Summary variable: the names of the dependencies, comma-separated. */
    static final String DEPENDENCIES = "KATO_DEPENDENCIES";
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    private final Secrets secrets;
    private final Runtimes runtimes;

    ConnectionInfo(Secrets secrets, Runtimes runtimes) {
        this.secrets = secrets;
        this.runtimes = runtimes;
    }

    /**
     * The variables the component passes on, secrets opened. A third-party component's
     * address is one of its endpoints: the first ready one, else the first online one.
     */
    Map<String, String> offered(Tx tx, Component c, String team) {
        Map<String, String> env = new TreeMap<>();
        String named = c.sourceKind() != io.kato.api.model.SourceKind.THIRD_PARTY || c.ports().isEmpty() ? null
                : runtimes.forTeam(c.teamId()).map(r -> r.externalAddress(c.id(), c.name(), team,
                c.ports().get(0).port())).orElse(null);
        if (named != null) { // the runtime gives it a name of its own (a cluster's Service)
            int colon = named.lastIndexOf(':');
            env.put(c.ports().get(0).alias() + "_HOST", named.substring(0, colon));
            env.put(c.ports().get(0).alias() + "_PORT", named.substring(colon + 1));
        } else if (c.sourceKind() == io.kato.api.model.SourceKind.THIRD_PARTY && !c.ports().isEmpty()) {
            List<io.kato.api.model.ThirdPartyEndpoint> endpoints = new io.kato.store.ThirdPartyRows(tx)
                    .endpoints(c.id()).stream().map(ThirdPartyServiceImpl::shown).toList();
            endpoints.stream().filter(io.kato.api.model.ThirdPartyEndpoint::ready).findFirst()
                    .or(() -> endpoints.stream().filter(io.kato.api.model.ThirdPartyEndpoint::online).findFirst())
                    .ifPresent(e -> {
                        int colon = e.address().lastIndexOf(':');
                        env.put(c.ports().get(0).alias() + "_HOST", e.address().substring(0, colon).replace("[", "")
                                .replace("]", ""));
                        env.put(c.ports().get(0).alias() + "_PORT", e.address().substring(colon + 1));
                    });
        }
        for (Port p : c.sourceKind() == io.kato.api.model.SourceKind.THIRD_PARTY ? List.<Port>of() : c.ports()) {
            if (p.inner()) {
                String address = runtimes.forTeam(c.teamId()).map(r -> r.innerAddress(c.id(), c.name(), team,
                        p.port())).orElse(null);
                if (address != null) {
                    int colon = address.lastIndexOf(':');
                    env.put(p.alias() + "_HOST", address.substring(0, colon));
                    env.put(p.alias() + "_PORT", address.substring(colon + 1));
                }
            }
        }
        for (EnvVar e : c.env()) {
            if (e.scope() == EnvScope.CONNECTION) {
                env.put(e.name(), secrets.open(e)); // defined ones win over the generated
            }
        }
        return env;
    }

    /** The names of the variables the component passes on (values are not shown: some are secret). */
    static List<String> offeredNames(Component c) {
        List<String> names = new ArrayList<>();
        for (Port p : c.ports()) {
            if (p.inner()) {
                names.add(p.alias() + "_HOST");
                names.add(p.alias() + "_PORT");
            }
        }
        c.env().stream().filter(e -> e.scope() == EnvScope.CONNECTION).map(EnvVar::name).forEach(names::add);
        return names.stream().distinct().sorted().toList();
    }

    /** What the component would receive now from its dependencies. */
    Map<String, String> current(Tx tx, Component dependent) {
        ComponentRows rows = new ComponentRows(tx);
        String team = new TeamRows(tx).byId(dependent.teamId()).map(t -> t.name()).orElse("");
        List<Component> dependencies = new ArrayList<>();
        for (String id : new DependencyRows(tx).dependencies(dependent.id())) {
            rows.byId(id).ifPresent(dependencies::add);
        }
        dependencies.sort(java.util.Comparator.comparing(Component::name));
        Map<String, String> env = new LinkedHashMap<>();
        for (Component d : dependencies) {
            env.putAll(offered(tx, d, team));
        }
        if (!dependencies.isEmpty()) {
            env.put(DEPENDENCIES, String.join(",", dependencies.stream().map(Component::name).toList()));
        }
        return env;
    }

    /** Gives the dependent what its dependencies offer now: its instances get this copy from now on. */
    void deliver(Tx tx, Component dependent, Instant at) {
        Map<String, String> env = current(tx, dependent);
        new DependencyRows(tx).putReceived(new DependencyRows.Received(dependent.id(), secrets.seal(write(env)),
                fingerprint(env), at));
    }

    /** What the dependent received last, secrets opened; empty when it never received any. */
    static Map<String, String> received(Tx tx, Secrets secrets, String componentId) {
        return new DependencyRows(tx).received(componentId).map(r -> read(secrets.open(r.envSealed())))
                .orElse(Map.of());
    }

    /** Whether what the dependent received differs from what it would receive now. */
    boolean stale(Tx tx, Component dependent) {
        String now = fingerprint(current(tx, dependent));
        return !new DependencyRows(tx).received(dependent.id()).map(DependencyRows.Received::fingerprint)
                .orElse(fingerprint(Map.of())).equals(now);
    }

    static String fingerprint(Map<String, String> env) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(env).forEach((k, v) -> b.append(k).append('=').append(v).append('\0'));
        return TokenHash.hash(b.toString());
    }

    private static String write(Map<String, String> env) {
        try {
            return PluginServiceImpl.JSON.writeValueAsString(env);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> read(String json) {
        try {
            return PluginServiceImpl.JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored connection information is unreadable", e);
        }
    }
}
