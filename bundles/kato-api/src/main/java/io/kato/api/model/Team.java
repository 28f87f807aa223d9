package io.kato.api.model;

import java.time.Instant;

/**
 * A tenant: the isolation unit. Its environment name ({@code DEV}, {@code PROD}) is exported
 * to builds and CI phases. {@code runtime} names the runtime its components run and build
 * on, or is null for the server's active runtime.
 */
public record Team(String id, String name, String displayName, String environment,
                   long version, Instant createdAt, Instant updatedAt, String runtime) {
    /** A team on the server's active runtime. */
    public Team(String id, String name, String displayName, String environment, long version, Instant createdAt,
                Instant updatedAt) {
        this(id, name, displayName, environment, version, createdAt, updatedAt, null);
    }
}
