package io.kato.api.model;

import java.time.Instant;

/**
 * One image check: what the user gave (an image, a {@code docker run} line or a compose
 * file), how far the check got, and what each container's image says about running it.
 *
 * @param kind        image, docker-run or compose
 * @param image       for kind image, the reference as given; null for the others, whose text
 *                    may hold passwords and is not shown again
 * @param credentials the team credential used with the registry, by name, or null
 * @param registry    the registry the credential is sent to, or null without one
 * @param insecure    whether the registry's certificate was accepted unchecked, and plain HTTP
 * @param status      queued, running, succeeded or failed
 * @param message     why it failed, or a one-line summary
 * @param report      one entry per container; null until the check succeeded
 * @param eventId     the event holding the check's log
 */
public record ImageCheck(String id, String teamId, String kind, String image, String credentials, String registry,
                         boolean insecure,
                         String status, String message, ImageReport report, String eventId, Instant createdAt,
                         Instant finishedAt) {
    public static final String IMAGE = "image";
    public static final String DOCKER_RUN = "docker-run";
    public static final String COMPOSE = "compose";
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
}
