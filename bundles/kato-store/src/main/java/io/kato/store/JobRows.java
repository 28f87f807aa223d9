package io.kato.store;

import io.kato.api.job.JobService.Job;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rows of {@code jobs}. A job is {@code queued}, {@code running} (leased by one worker
 * until {@code lease_until}), {@code succeeded} or {@code failed}. Leasing is a
 * compare-and-set on the version, so two workers (or two Kato nodes) never both win.
 */
public final class JobRows {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    private static final String SELECT = "SELECT id, kind, payload, status, attempts, max_attempts, lease_owner,"
            + " lease_until, event_id, result, version FROM jobs";
    private final Tx tx;

    public JobRows(Tx tx) {
        this.tx = tx;
    }

    public void insert(String id, String kind, String payload, String eventId, int maxAttempts, Instant now) {
        tx.update("INSERT INTO jobs (id, kind, payload, status, attempts, max_attempts, event_id, version, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, 0, ?, ?)",
                id, kind, Rows.orNull(payload, Tx.Null.TEXT), QUEUED, maxAttempts,
                Rows.orNull(eventId, Tx.Null.TEXT), now, now);
    }

    public Optional<LeasedJob> byId(String id) {
        return tx.one(SELECT + " WHERE id = ?", JobRows::map, id);
    }

    /**
     * Jobs a worker may take now: queued ones, and running ones whose lease expired (their
     * worker died), oldest first.
     */
    public List<LeasedJob> candidates(List<String> kinds, Instant now, int limit) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", kinds.stream().map(k -> "?").toList());
        Object[] args = new Object[kinds.size() + 3];
        args[0] = QUEUED;
        args[1] = RUNNING;
        args[2] = now;
        for (int i = 0; i < kinds.size(); i++) {
            args[i + 3] = kinds.get(i);
        }
        return tx.query(SELECT + " WHERE (status = ? OR (status = ? AND lease_until < ?)) AND kind IN (" + in + ")"
                + " ORDER BY created_at" + Rows.page(0, limit), JobRows::map, args);
    }

    /** Takes the lease and counts an attempt, if nobody changed the job since it was read. */
    public boolean lease(LeasedJob job, String owner, Instant until, Instant now) {
        return tx.update("UPDATE jobs SET status = ?, attempts = attempts + 1, lease_owner = ?, lease_until = ?,"
                        + " version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                RUNNING, owner, until, now, job.id(), job.version()) == 1;
    }

    /**
     * Extends the lease; false when this owner no longer holds it or it already expired.
     * The version moves too, so a worker that read the job as expired before the renewal
     * loses its compare-and-set instead of running the same attempt a second time.
     */
    public boolean renew(String id, String owner, Instant until, Instant now) {
        return tx.update("UPDATE jobs SET lease_until = ?, version = version + 1, updated_at = ? WHERE id = ?"
                + " AND status = ? AND lease_owner = ? AND lease_until >= ?", until, now, id, RUNNING, owner, now) == 1;
    }

    /** Ends the attempt held by {@code owner} with a new status; false when the lease was lost. */
    public boolean finish(String id, String owner, String status, String result, Instant now) {
        String clipped = result == null ? null : result.substring(0, Math.min(result.length(), 2000));
        return tx.update("UPDATE jobs SET status = ?, result = ?, lease_owner = NULL, lease_until = NULL,"
                        + " version = version + 1, updated_at = ? WHERE id = ? AND status = ? AND lease_owner = ?",
                status, Rows.orNull(clipped, Tx.Null.TEXT), now, id, RUNNING, owner) == 1;
    }

    /** Fails, without running it again, a job whose lease expired after its last attempt. */
    public boolean failExhausted(LeasedJob job, String reason, Instant now) {
        return tx.update("UPDATE jobs SET status = ?, result = ?, lease_owner = NULL, lease_until = NULL,"
                        + " version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                FAILED, reason, now, job.id(), job.version()) == 1;
    }

    /** A job row with what leasing needs. */
    public record LeasedJob(Job job, String payload, String leaseOwner, Instant leaseUntil, long version) {
        public String id() {
            return job.id();
        }
    }

    private static LeasedJob map(ResultSet rs) throws SQLException {
        Job job = new Job(rs.getString("id"), rs.getString("kind"), rs.getString("status"), rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getString("event_id"), rs.getString("result"));
        return new LeasedJob(job, rs.getString("payload"), rs.getString("lease_owner"),
                Rows.instant(rs, "lease_until"), rs.getLong("version"));
    }
}
