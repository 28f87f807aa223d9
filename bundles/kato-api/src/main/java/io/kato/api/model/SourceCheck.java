package io.kato.api.model;

import java.time.Instant;

/**
 * One source check: where the source is, how far the check got, and what it found.
 *
 * @param credentials the team credential it fetches with, by name, or null
 * @param status   queued, running, succeeded or failed
 * @param message  why it failed, or a one-line summary
 * @param report   what was found; null until the check succeeded
 * @param eventId  the event holding the check's log
 * @param trustServerCertificate whether the https server's certificate was accepted unverified
 */
public record SourceCheck(String id, String teamId, String kind, String url, String ref, String subdir,
                          String credentials, String status, String message, SourceReport report, String eventId,
                          Instant createdAt, Instant finishedAt, boolean trustServerCertificate) {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
}
