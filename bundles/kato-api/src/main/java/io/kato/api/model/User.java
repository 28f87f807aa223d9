package io.kato.api.model;

import java.time.Instant;

/** A person or system that calls the API with tokens. A platform admin may do everything everywhere. */
public record User(String id, String name, String displayName, boolean admin, long version, Instant createdAt) {
}
