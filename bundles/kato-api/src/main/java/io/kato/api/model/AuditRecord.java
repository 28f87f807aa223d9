package io.kato.api.model;

import java.time.Instant;

/**
 * One mutation: the actor, the action, the target and its state before and after (JSON,
 * secrets masked), tied to the request that caused it.
 */
public record AuditRecord(String id, String teamId, String actor, String action, String target,
                          String before, String after, String requestId, Instant at) {
}
