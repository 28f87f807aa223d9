package io.kato.api.job;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs jobs of one kind. Platform bundles register handlers as OSGi services with the
 * {@value #KIND_PROPERTY} property; the core's worker pool leases queued jobs of that
 * kind and calls {@link #run}.
 *
 * <p><b>Contract.</b> A job may run more than once (a worker that crashed mid-job loses
 * its lease and the job is retried), so handlers must be idempotent or detect their own
 * earlier attempt through {@link JobContext#attempt()}. A handler that throws fails the
 * attempt; after the job's last attempt the job and its event are failed, with the
 * exception's message as the reason. Long handlers call {@link JobContext#heartbeat()}
 * to keep their lease.
 *
 * <p><b>Departure.</b> Jobs of a kind with no handler stay queued until one registers.
 */
@ConsumerType
public interface JobHandler {
    /** Service property naming the kind of job handled. */
    String KIND_PROPERTY = "kato.job.kind";

    /** Does the work; returns a short result text stored with the job. */
    String run(JobContext context) throws Exception;
}
