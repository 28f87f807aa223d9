package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.NotFoundException;
import io.kato.api.ValidationException;
import io.kato.api.model.App;
import io.kato.api.model.Component;
import io.kato.api.model.ComponentState;
import io.kato.api.model.Dependency;
import io.kato.api.model.Dependent;
import io.kato.api.model.Team;
import io.kato.api.model.Topology;
import io.kato.api.service.ComponentService;
import io.kato.api.service.DependencyService;
import io.kato.store.ComponentRows;
import io.kato.store.DependencyRows;
import io.kato.store.Store;
import io.kato.store.Tx;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;

/** Dependencies between a team's components, the connection information they carry, and topologies. */
@org.osgi.service.component.annotations.Component(service = {DependencyService.class, DependencyServiceImpl.class})
public class DependencyServiceImpl extends ServiceSupport implements DependencyService {
    private final ComponentService components;
    private final ConnectionInfo connections;

    @Activate
    public DependencyServiceImpl(@Reference Store store, @Reference ComponentService components,
                                 @Reference Secrets secrets, @Reference Runtimes runtimes) {
        this(store, components, new ConnectionInfo(secrets, runtimes), Clock.systemUTC());
    }

    DependencyServiceImpl(Store store, ComponentService components, ConnectionInfo connections, Clock clock) {
        super(store, clock);
        this.components = components;
        this.connections = connections;
    }

    @Override
    public List<Dependency> dependencies(Actor actor, String team, String component) {
        return tx(tx -> {
            Component c = ComponentServiceImpl.find(tx, Access.team(tx, actor, team, Access.Need.READ), component);
            return dependencies(tx, c);
        });
    }

    private static List<Dependency> dependencies(Tx tx, Component c) {
        ComponentRows rows = new ComponentRows(tx);
        List<Dependency> out = new ArrayList<>();
        for (String id : new DependencyRows(tx).dependencies(c.id())) {
            rows.byId(id).ifPresent(d -> out.add(shown(d)));
        }
        out.sort(Comparator.comparing(Dependency::component));
        return out;
    }

    private static Dependency shown(Component d) {
        return new Dependency(d.name(), d.appName(), d.sourceKind(), ConnectionInfo.offeredNames(d));
    }

    @Override
    public Dependency add(Actor actor, String team, String component, String dependency) {
        if (dependency == null || dependency.isBlank()) {
            throw ValidationException.of("dependency", "is required: the name of a component of the team");
        }
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = ComponentServiceImpl.find(tx, t, component);
            Component d = new ComponentRows(tx).byName(t.id(), dependency).orElseThrow(() -> new NotFoundException(
                    "Team '" + team + "' has no component '" + dependency + "' to depend on"));
            if (d.id().equals(c.id())) {
                throw ValidationException.of("dependency", "'" + component + "' cannot depend on itself");
            }
            Optional<String> cycle = cycle(tx, t.id(), c, d);
            if (cycle.isPresent()) {
                throw ValidationException.of("dependency", "'" + component + "' depending on '" + dependency
                        + "' would close a cycle: " + cycle.get() + "; remove one of those first");
            }
            if (new DependencyRows(tx).add(c.id(), d.id(), now())) {
                audit(tx, actor, t.id(), "add-dependency", "component/" + c.name(), null, d.name());
            }
            return shown(d);
        });
    }

    /**
     * The cycle {@code c} depending on {@code d} would close ({@code c -> d -> … -> c}), or
     * empty. Locks the team first: two additions at once must each see the other's edge.
     */
    static Optional<String> cycle(Tx tx, String teamId, Component c, Component d) {
        new io.kato.store.TeamRows(tx).lock(teamId);
        List<String> path = path(tx, new DependencyRows(tx).edges(teamId), d.id(), c.id());
        if (path.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(List.of(c.name()));
        names.addAll(path);
        return Optional.of(String.join(" -> ", names));
    }

    /**
     * The names along a path from {@code from} to {@code to} over the edges (both included),
     * or empty when there is none: depending on {@code from} closes a cycle when it already
     * reaches the dependent.
     */
    private static List<String> path(Tx tx, List<DependencyRows.Edge> edges, String from, String to) {
        Map<String, List<String>> next = new HashMap<>();
        edges.forEach(e -> next.computeIfAbsent(e.componentId(), k -> new ArrayList<>()).add(e.dependsOnId()));
        Map<String, String> cameFrom = new HashMap<>();
        Set<String> seen = new HashSet<>(List.of(from));
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            if (at.equals(to)) {
                List<String> ids = new ArrayList<>();
                for (String id = to; id != null; id = cameFrom.get(id)) {
                    ids.add(0, id);
                }
                ComponentRows rows = new ComponentRows(tx);
                return ids.stream().map(id -> rows.byId(id).map(Component::name).orElse(id)).toList();
            }
            for (String n : next.getOrDefault(at, List.of())) {
                if (seen.add(n)) {
                    cameFrom.put(n, at);
                    queue.add(n);
                }
            }
        }
        return List.of();
    }

    @Override
    public void remove(Actor actor, String team, String component, String dependency) {
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = ComponentServiceImpl.find(tx, t, component);
            NotFoundException none = new NotFoundException("'" + component + "' does not depend on '" + dependency
                    + "'");
            Component d = new ComponentRows(tx).byName(t.id(), dependency == null ? "" : dependency)
                    .orElseThrow(() -> none);
            if (!new DependencyRows(tx).remove(c.id(), d.id())) {
                throw none;
            }
            audit(tx, actor, t.id(), "remove-dependency", "component/" + c.name(), d.name(), null);
            return null;
        });
    }

    @Override
    public List<Dependent> dependents(Actor actor, String team, String component) {
        return tx(tx -> {
            Component c = ComponentServiceImpl.find(tx, Access.team(tx, actor, team, Access.Need.READ), component);
            ComponentRows rows = new ComponentRows(tx);
            DependencyRows deps = new DependencyRows(tx);
            List<Dependent> out = new ArrayList<>();
            for (String id : deps.dependents(c.id())) {
                rows.byId(id).ifPresent(d -> out.add(new Dependent(d.name(), d.desiredRunning(),
                        d.desiredRunning() && connections.stale(tx, d),
                        deps.received(d.id()).map(DependencyRows.Received::receivedAt).orElse(null))));
            }
            out.sort(Comparator.comparing(Dependent::component));
            return out;
        });
    }

    @Override
    public Topology topology(Actor actor, String team, String app) {
        record Read(App app, List<Component> members, Map<String, Component> byId, List<DependencyRows.Edge> edges) {
        }
        Read read = tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.READ);
            App a = AppServiceImpl.find(tx, t, app);
            Map<String, Component> byId = new LinkedHashMap<>();
            ComponentRows rows = new ComponentRows(tx);
            for (int offset = 0; ; offset += 500) {
                List<Component> page = rows.list(t.id(), offset, 500);
                page.forEach(c -> byId.put(c.id(), c));
                if (page.size() < 500) {
                    break;
                }
            }
            List<Component> members = byId.values().stream().filter(c -> c.appId().equals(a.id()))
                    .sorted(Comparator.comparing(Component::name)).toList();
            return new Read(a, members, byId, new DependencyRows(tx).edges(t.id()));
        });
        Set<String> inApp = new HashSet<>();
        read.members().forEach(c -> inApp.add(c.id()));
        List<Topology.Edge> edges = new ArrayList<>();
        Set<String> outside = new java.util.TreeSet<>(Comparator.comparing(id -> read.byId().get(id).name()));
        for (DependencyRows.Edge e : read.edges()) {
            Component from = read.byId().get(e.componentId());
            Component to = read.byId().get(e.dependsOnId());
            if (from != null && to != null && inApp.contains(from.id())) {
                edges.add(new Topology.Edge(from.name(), to.name()));
                if (!inApp.contains(to.id())) {
                    outside.add(to.id());
                }
            }
        }
        edges.sort(Comparator.comparing(Topology.Edge::from).thenComparing(Topology.Edge::to));
        List<Topology.Node> nodes = new ArrayList<>();
        for (Component c : read.members()) {
            nodes.add(node(actor, team, c));
        }
        for (String id : outside) {
            nodes.add(node(actor, team, read.byId().get(id)));
        }
        return new Topology(read.app().name(), nodes, edges);
    }

    private Topology.Node node(Actor actor, String team, Component c) {
        ComponentState state;
        try {
            state = components.state(actor, team, c.name());
        } catch (NotFoundException e) {
            state = ComponentState.UNKNOWN; // deleted meanwhile
        }
        return new Topology.Node(c.name(), c.appName(), c.sourceKind(), state);
    }
}
