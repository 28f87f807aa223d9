package io.kato.api.model;

import java.time.Instant;

/**
 * A tenant: the isolation unit. Its environment name ({@code DEV}, {@code PROD}) is exported
 * to builds and CI phases.
 */
public record Team(String id, String name, String displayName, String environment,
                   long version, Instant createdAt, Instant updatedAt) {
}
