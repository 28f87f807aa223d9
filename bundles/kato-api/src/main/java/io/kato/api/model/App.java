package io.kato.api.model;

import java.time.Instant;

/** An application: a named group of components inside a team. */
public record App(String id, String teamId, String name, String displayName, String description,
                  long version, Instant createdAt, Instant updatedAt) {
}
