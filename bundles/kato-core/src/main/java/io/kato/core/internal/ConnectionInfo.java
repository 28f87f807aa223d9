package io.kato.core.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.kato.api.model.Component;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Port;
import io.kato.api.model.SourceKind;
import io.kato.api.model.ThirdPartyEndpoint;
import io.kato.api.runtime.Runtime;
import io.kato.store.ComponentRows;
import io.kato.store.DependencyRows;
import io.kato.store.TeamRows;
import io.kato.store.ThirdPartyRows;
import io.kato.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        for (Port p : c.ports()) {
            String address = address(tx, c, team, p);
            if (address != null) {
                env.put(p.alias() + "_HOST", ThirdPartyServiceImpl.host(address));
                env.put(p.alias() + "_PORT", ThirdPartyServiceImpl.port(address));
            }
        }
        for (EnvVar e : c.env()) {
            if (e.scope() == EnvScope.CONNECTION) {
                env.put(e.name(), secrets.open(e)); // defined ones win over the generated
            }
        }
        return env;
    }

    /**
     * Where the team's components reach one of its ports ({@code host:port}), or null: an
     * inner port at the address its runtime gives it; a third-party component's port at the
     * name its runtime gives it, else at its first ready endpoint, else its first online one.
     */
    String address(Tx tx, Component c, String team, Port p) {
        Optional<Runtime> runtime = runtimes.forTeam(c.teamId());
        if (c.sourceKind() != SourceKind.THIRD_PARTY) {
            return p.inner() ? runtime.map(r -> r.innerAddress(c.id(), c.name(), team, p.port())).orElse(null) : null;
        }
        String named = runtime.map(r -> r.externalAddress(c.id(), c.name(), team, p.port())).orElse(null);
        if (named != null) {
            return named; // a cluster's Service standing for it
        }
        List<ThirdPartyEndpoint> endpoints = new ThirdPartyRows(tx).endpoints(c.id()).stream()
                .map(ThirdPartyServiceImpl::shown).toList();
        return endpoints.stream().filter(ThirdPartyEndpoint::ready).findFirst()
                .or(() -> endpoints.stream().filter(ThirdPartyEndpoint::online).findFirst())
                .map(ThirdPartyEndpoint::address).orElse(null);
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
        new DependencyRows(tx).putReceived(new DependencyRows.Received(dependent.id(), secrets.seal(StoredJson.write(env)),
                fingerprint(env), at));
    }

    /** What the dependent received last, secrets opened; empty when it never received any. */
    static Map<String, String> received(Tx tx, Secrets secrets, String componentId) {
        return new DependencyRows(tx).received(componentId).map(r -> StoredJson.read(secrets.open(r.envSealed()), MAP, "connection information"))
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
}
