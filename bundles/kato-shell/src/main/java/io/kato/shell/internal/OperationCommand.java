package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.service.EventService;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/**
 * A lifecycle operation on one component (restart, upgrade, rollback, scale): starts it,
 * then follows its event until it ends, or returns at once with {@code --wait 0}.
 */
abstract class OperationCommand extends ComponentCommandSupport {
    @Reference
    EventService events;

    @Option(name = "-w", aliases = "--wait", description = "Seconds to wait for the operation to end (default 300; 0"
            + " to return at once)")
    int wait = 300;

    /** Starts the operation; returns its event. */
    protected abstract Event operate(Actor actor);

    @Override
    protected Object run(Actor actor) throws InterruptedException {
        Event e = operate(actor);
        out().println(e.message() + " (event " + e.id() + ")");
        long deadline = System.nanoTime() + wait * 1_000_000_000L;
        while (e.status() == EventStatus.RUNNING && wait > 0) {
            if (System.nanoTime() > deadline) {
                out().println("Still under way; follow it with kato:events " + team);
                return null;
            }
            Thread.sleep(500);
            e = events.get(actor, team, e.id());
        }
        if (e.status() != EventStatus.RUNNING && e.finishedAt() != null && !e.finishedAt().equals(e.startedAt())) {
            out().println(e.operation() + " " + e.status() + ": " + e.message());
        }
        return null;
    }
}
