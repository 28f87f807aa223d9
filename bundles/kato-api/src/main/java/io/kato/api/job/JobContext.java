package io.kato.api.job;

import org.osgi.annotation.versioning.ProviderType;

/** One attempt at a job, as its handler sees it. */
@ProviderType
public interface JobContext {
    String jobId();

    String kind();

    /** The job's input, as submitted (JSON by convention). */
    String payload();

    /** 1 for the first attempt. */
    int attempt();

    /** The event the job belongs to, or null. */
    String eventId();

    /** Appends a line to the event's log. */
    void log(String line);

    /** Extends the lease; throws when the lease was lost (another worker took over). */
    void heartbeat();
}
