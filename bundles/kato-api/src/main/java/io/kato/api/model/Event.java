package io.kato.api.model;

import java.time.Instant;

/** One operation (create, build, start, scale, config change…): who did what to which target, and how it ended. */
public record Event(String id, String teamId, String targetKind, String targetName, String operation,
                    String actor, EventStatus status, String message, Instant startedAt, Instant finishedAt) {
}
