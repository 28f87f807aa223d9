package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.PreconditionFailedException;
import io.kato.api.model.AuditRecord;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.store.DuplicateKeyException;
import io.kato.store.EventRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * What every core service shares: transactions, the clock, version checks and the
 * record (an event and an audit record) that every mutation leaves.
 */
abstract class ServiceSupport {
    protected final Store store;
    protected final Clock clock;

    protected ServiceSupport(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Wakes the job workers after the job's transaction committed, so a queued job starts at once. */
    protected static <T> T woken(JobServiceImpl jobs, T result) {
        if (jobs != null) {
            jobs.wake();
        }
        return result;
    }

    /** Millisecond precision, so that what is written equals what is read back on every database. */
    protected Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Runs the work in a transaction; a unique-key race becomes a conflict naming the thing. */
    protected <T> T tx(Supplier<String> duplicateMessage, Store.Work<T> work) {
        try {
            return store.inTransaction(work);
        } catch (DuplicateKeyException e) {
            throw new ConflictException(duplicateMessage.get());
        }
    }

    protected <T> T tx(Store.Work<T> work) {
        return tx(() -> "A concurrent change conflicted with this one: retry", work);
    }

    /**
     * Whether the event of a job is still running: one whose job's worker died is failed
     * with its job, so a row still saying "building" under an ended event is stale.
     */
    protected static boolean eventOpen(Tx tx, String teamId, String eventId) {
        return new EventRows(tx).byId(teamId, eventId).map(e -> e.status() == EventStatus.RUNNING).orElse(false);
    }

    /** Fails with 412-style precondition when the caller expected another version. */
    protected static void expectVersion(String what, Long expected, long current) {
        if (expected != null && expected != current) {
            throw new PreconditionFailedException(what, expected, current);
        }
    }

    /** The compare-and-set lost: someone else wrote in between. */
    protected static ConflictException lostRace(String what) {
        return new ConflictException(what + " was changed by someone else at the same time: read it again and retry");
    }

    /**
     * Leaves the trace of a finished mutation: a succeeded event in the operation log and
     * an audit record with the state before and after (secrets already masked by callers).
     */
    protected void record(Tx tx, Actor actor, String teamId, String operation, String targetKind, String targetName,
                          Object before, Object after) {
        Instant at = now();
        new EventRows(tx).insert(new Event(Rows.newId(), teamId, targetKind, targetName, operation, actor.name(),
                EventStatus.SUCCEEDED, operation + " " + targetKind + " " + targetName, at, at));
        audit(tx, actor, teamId, operation, targetKind + "/" + targetName, before, after);
    }

    /** The audit record of a mutation: who, what, the state before and after (secrets masked by callers). */
    protected void audit(Tx tx, Actor actor, String teamId, String operation, String target, Object before,
                         Object after) {
        new EventRows(tx).insertAudit(new AuditRecord(Rows.newId(), teamId, actor.name(), operation, target,
                before == null ? null : RecordJson.of(before), after == null ? null : RecordJson.of(after),
                actor.requestId(), now()));
    }
}
