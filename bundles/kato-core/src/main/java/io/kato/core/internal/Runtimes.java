package io.kato.core.internal;

import io.kato.api.model.Team;
import io.kato.api.runtime.Runtime;
import io.kato.api.runtime.RuntimeHealth;
import io.kato.api.service.RuntimeRegistry;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The runtimes registered right now and which one each team's components use: the team's
 * own choice ({@link Team#runtime()}), else the active one, named by the {@code runtime}
 * setting. A runtime no team uses stays idle (see {@link Runtime}).
 */
@Component(service = {Runtimes.class, RuntimeRegistry.class}, configurationPid = "io.kato.core")
public class Runtimes implements RuntimeRegistry {
    /** Teams' choices are read again at most this often; a change made on this node counts at once. */
    private static final long TEAMS_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(2);
    private final Map<String, Runtime> byName = new ConcurrentHashMap<>();
    private final Store store;
    private volatile String active;
    private volatile Map<String, String> teamRuntimes = Map.of();
    private volatile long teamsReadAt;

    @Activate
    public Runtimes(@Reference Store store, CoreConfig config) {
        this.store = store;
        this.active = config.runtime();
    }

    /** Without a store: every team on the active runtime unless told otherwise (tests). */
    Runtimes(String active) {
        this.store = null;
        this.active = active;
    }

    @Modified
    void modified(CoreConfig config) {
        this.active = config.runtime();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRuntime(Runtime runtime) {
        byName.put(runtime.name(), runtime);
    }

    void removeRuntime(Runtime runtime) {
        byName.remove(runtime.name(), runtime);
    }

    /** The runtime the team's components build and run on, when its bundle is present. */
    Optional<Runtime> forTeam(String teamId) {
        return Optional.ofNullable(byName.get(nameFor(teamId)));
    }

    /**
     * The same, when it can work now: what a runtime that lost its backend (a cluster out of
     * reach) observes is stale, so components show as unknown meanwhile.
     */
    Optional<Runtime> forTeamAndUp(String teamId) {
        return forTeam(teamId).filter(r -> health(r).up());
    }

    /** The name of the team's runtime, present or not. */
    String nameFor(String teamId) {
        String own = teams().get(teamId);
        return own != null ? own : active;
    }

    /** Every runtime registered now. */
    java.util.Collection<Runtime> all() {
        return List.copyOf(byName.values());
    }

    /** Whether a runtime of that name is registered now. */
    boolean has(String name) {
        return byName.containsKey(name);
    }

    /** A team's choice changed on this node (null: the active runtime again); other nodes read it within seconds. */
    void teamChanged(String teamId, String runtime) {
        Map<String, String> next = new java.util.HashMap<>(teams());
        if (runtime == null) {
            next.remove(teamId);
        } else {
            next.put(teamId, runtime);
        }
        teamRuntimes = Map.copyOf(next);
    }

    private Map<String, String> teams() {
        if (store != null && System.nanoTime() - teamsReadAt > TEAMS_REFRESH_NANOS) {
            try {
                teamRuntimes = Map.copyOf(store.inTransaction(tx -> new TeamRows(tx).runtimes()));
                teamsReadAt = System.nanoTime();
            } catch (RuntimeException e) {
                // the store is busy: the last known choices stand until the next read
            }
        }
        return teamRuntimes;
    }

    /** The server's active runtime first; the others by name (teams may use them). */
    @Override
    public List<RuntimeInfo> runtimes() {
        String current = active;
        List<RuntimeInfo> out = new ArrayList<>();
        if (!byName.containsKey(current)) {
            out.add(new RuntimeInfo(current, true, false, "No installed bundle provides runtime '" + current
                    + "': install it, or set runtime in etc/io.kato.core.cfg to one listed here", false));
        }
        byName.values().stream().sorted(Comparator.comparing((Runtime r) -> !r.name().equals(current))
                .thenComparing(Runtime::name)).forEach(r -> {
                    RuntimeHealth h = health(r);
                    out.add(new RuntimeInfo(r.name(), r.name().equals(current), h.up(), h.message(), r.runsImages()));
                });
        return out;
    }

    /** A runtime whose health check fails is down, not a failed request. */
    static RuntimeHealth health(Runtime r) {
        try {
            return r.health();
        } catch (RuntimeException e) {
            return new RuntimeHealth(false, "Its health check failed: " + e.getMessage());
        }
    }
}
