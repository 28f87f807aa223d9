package io.kato.api.job;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Submits persisted jobs; they survive restarts and are run exactly once to completion or failure. */
@ProviderType
public interface JobService {
    /**
     * Queues a job.
     *
     * @param kind        which handler runs it
     * @param payload     its input
     * @param eventId     the event it belongs to (its log and outcome), or null
     * @param maxAttempts how often it is tried before it fails, at least 1
     */
    Job submit(String kind, String payload, String eventId, int maxAttempts);

    Optional<Job> find(String jobId);

    /** A job's persisted state. */
    record Job(String id, String kind, String status, int attempts, int maxAttempts, String eventId,
               String result) {
    }
}
