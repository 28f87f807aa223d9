package io.kato.api.model;

import java.time.Instant;

/** A token's metadata; the token itself is shown once, when issued, and stored only as a hash. */
public record ApiToken(String id, String userId, String name, Instant createdAt, Instant expiresAt) {
}
