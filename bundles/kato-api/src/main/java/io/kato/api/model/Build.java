package io.kato.api.model;

import java.time.Instant;

/**
 * One build of a component. Its id is the id of its event, whose log is the build log.
 *
 * @param status  queued, running, cancelling (asked to stop, its step being killed), succeeded, failed
 *                or cancelled
 * @param message why it failed, or which version it produced
 */
public record Build(String id, String componentId, String component, String status, String message,
                    Instant createdAt, Instant finishedAt) {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLING = "cancelling";
    public static final String CANCELLED = "cancelled";
}
