package io.kato.core.internal;

import io.kato.api.model.Component;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.runtime.Deployment;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.Runtime;
import io.kato.store.ComponentRows;
import io.kato.store.EventRows;
import io.kato.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Ends the events of lifecycle operations (start, stop, restart, upgrade, rollback, scale)
 * once the runtime shows their outcome: every wanted instance of the released version and
 * revision ready and no old one left, or nothing alive after a stop. An operation that has
 * not converged within the time limit fails with what its instances say (an exit status
 * and last log lines, a failing probe); one overtaken by a later operation on the same
 * component fails naming it. Runs after each reconcile pass; a restart of Kato loses
 * nothing, the events being rows.
 */
final class Rollouts {
    static final List<String> OPERATIONS = List.of("start", "stop", "restart", "upgrade", "rollback", "scale");
    private final Store store;
    private final Function<Component, Optional<Deployment>> desired;
    private final Clock clock;
    private final Duration limit;

    Rollouts(Store store, Function<Component, Optional<Deployment>> desired, Clock clock, Duration limit) {
        this.store = store;
        this.desired = desired;
        this.clock = clock;
        this.limit = limit;
    }

    /** Ends what has converged, failed or been overtaken; returns how many operations stay open. */
    int settle(Function<String, Optional<Runtime>> runtimeOfTeam) {
        List<Event> open = store.inTransaction(tx -> new EventRows(tx).openComponentOperations(OPERATIONS));
        // the newest open operation of a component is the one that counts
        Map<String, Event> newest = new HashMap<>();
        for (Event e : open) {
            newest.put(e.teamId() + "/" + e.targetName(), e);
        }
        int left = 0;
        for (Event e : open) {
            Event latest = newest.get(e.teamId() + "/" + e.targetName());
            if (latest != e) {
                finish(e, EventStatus.FAILED, "Overtaken by a later " + latest.operation() + " (event " + latest.id()
                        + ") before it converged");
                continue;
            }
            Optional<Component> c = store.inTransaction(tx -> new ComponentRows(tx).byName(e.teamId(), e.targetName()));
            if (c.isEmpty()) {
                finish(e, EventStatus.FAILED, "The component was deleted");
                continue;
            }
            // a runtime that is away (its bundle stopped) shows nothing: the operation waits for it, or its time limit
            Optional<Runtime> runtime = runtimeOfTeam.apply(e.teamId());
            Observation seen = runtime.map(r -> r.observe(c.get().id())).orElse(Observation.absent());
            Optional<String> done = runtime.isEmpty() ? Optional.empty() : converged(desired.apply(c.get()), seen);
            if (done.isPresent()) {
                finish(e, EventStatus.SUCCEEDED, done.get());
            } else if (Duration.between(e.startedAt(), clock.instant()).compareTo(limit) > 0) {
                finish(e, EventStatus.FAILED, "Not done after " + limit.toSeconds() + " s: " + (runtime.isEmpty()
                        ? "its team's runtime is not installed" : troubles(seen)));
            } else {
                left++;
            }
        }
        return left;
    }

    /** The outcome when the runtime shows the desired state, else empty. */
    static Optional<String> converged(Optional<Deployment> want, Observation seen) {
        if (want.isEmpty()) {
            return seen.instances().stream().noneMatch(Observation.Instance::alive)
                    ? Optional.of("Stopped: no instance runs") : Optional.empty();
        }
        Deployment d = want.get();
        boolean all = seen.known() && d.versionId().equals(seen.versionId()) && d.revision() == seen.revision()
                && !seen.rollingOut() && seen.instances().size() == d.instances() && seen.ready() == d.instances();
        return all ? Optional.of(d.instances() + " instance(s) ready") : Optional.empty();
    }

    private static String troubles(Observation seen) {
        String said = seen.instances().stream().filter(i -> i.message() != null)
                .map(i -> i.id() + ": " + i.message()).collect(Collectors.joining("; "));
        return said.isEmpty() ? seen.ready() + " of " + seen.instances().size() + " instance(s) ready" : said;
    }

    private void finish(Event e, EventStatus status, String message) {
        Instant at = clock.instant();
        store.inTransaction(tx -> {
            EventRows rows = new EventRows(tx);
            rows.appendLog(e.id(), at + " " + message + "\n");
            rows.finish(e.id(), status, message, at);
            return null;
        });
    }
}
