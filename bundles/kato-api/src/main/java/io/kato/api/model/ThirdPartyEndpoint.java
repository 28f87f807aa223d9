package io.kato.api.model;

import java.time.Instant;

/**
 * One instance of a third-party component.
 *
 * @param address   {@code host:port}
 * @param online    what its registration says
 * @param healthy   what the health check found (true until it found otherwise)
 * @param message   why it is not healthy, or null
 * @param updatedAt when either last changed
 */
public record ThirdPartyEndpoint(String address, boolean online, boolean healthy, String message, Instant updatedAt) {
    /** Whether dependents are sent to it. */
    public boolean ready() {
        return online && healthy;
    }
}
