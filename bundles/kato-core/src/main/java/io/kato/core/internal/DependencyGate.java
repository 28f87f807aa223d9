package io.kato.core.internal;

import io.kato.api.model.Component;
import io.kato.api.model.Event;
import io.kato.api.model.SourceKind;
import io.kato.api.runtime.Runtime;
import io.kato.store.ComponentRows;
import io.kato.store.DependencyRows;
import io.kato.store.EventRows;
import io.kato.store.Store;
import io.kato.store.ThirdPartyRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds a component's first instances back while it is being started and its dependencies
 * are not ready (an in-platform one with no ready instance, a third-party one with no ready
 * endpoint), for at most a time limit; then it starts anyway. Why it waits, and that it
 * stopped waiting, go to its start event's log, once each.
 */
final class DependencyGate {
    private final Store store;
    private final Runtimes runtimes;
    private final Clock clock;
    private final Duration limit;
    /** Event ids already told "waiting" or "starting anyway". */
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    DependencyGate(Store store, Runtimes runtimes, Clock clock, Duration limit) {
        this.store = store;
        this.runtimes = runtimes;
        this.clock = clock;
        this.limit = limit;
    }

    /** Whether the component, which nothing runs for yet, may be started now. */
    boolean mayStart(Component c) {
        record Read(List<Component> dependencies, Optional<Event> start) {
        }
        Read read = store.inTransaction(tx -> {
            ComponentRows rows = new ComponentRows(tx);
            List<Component> deps = new ArrayList<>();
            for (String id : new DependencyRows(tx).dependencies(c.id())) {
                rows.byId(id).ifPresent(deps::add);
            }
            Optional<Event> start = deps.isEmpty() ? Optional.empty() : new EventRows(tx).openComponentOperations(
                    Rollouts.OPERATIONS).stream().filter(e -> e.teamId().equals(c.teamId())
                    && e.targetName().equals(c.name())).reduce((a, b) -> b);
            return new Read(deps, start);
        });
        if (read.start().isEmpty()) {
            return true; // no start under way (Kato came back to running components): nothing to order
        }
        List<String> waiting = read.dependencies().stream().filter(d -> !ready(d)).map(Component::name).sorted()
                .toList();
        Event start = read.start().get();
        if (waiting.isEmpty()) {
            return true;
        }
        Duration waited = Duration.between(start.startedAt(), clock.instant());
        if (waited.compareTo(limit) >= 0) {
            note(start, "done", String.join(", ", waiting) + " not ready after " + limit.toSeconds()
                    + " s: starting without waiting longer");
            return true;
        }
        note(start, "wait", "Waiting for its dependencies to be ready: " + String.join(", ", waiting) + " (at most "
                + limit.toSeconds() + " s)");
        return false;
    }

    private boolean ready(Component d) {
        if (d.sourceKind() == SourceKind.THIRD_PARTY) {
            return store.inTransaction(tx -> new ThirdPartyRows(tx).endpoints(d.id())).stream()
                    .anyMatch(e -> e.online() && e.healthy());
        }
        return d.desiredRunning() && runtimes.forTeam(d.teamId()).map((Runtime r) -> r.observe(d.id()).ready() > 0)
                .orElse(false);
    }

    private void note(Event e, String kind, String line) {
        if (told.add(e.id() + kind)) {
            Instant at = clock.instant();
            store.inTransaction(tx -> {
                new EventRows(tx).appendLog(e.id(), at + " " + line + "\n");
                return null;
            });
        }
        if (told.size() > 10_000) {
            told.clear(); // notes are a courtesy; a repeated line costs less than a leak
        }
    }
}
