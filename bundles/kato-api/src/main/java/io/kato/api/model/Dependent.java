package io.kato.api.model;

import java.time.Instant;

/**
 * A component that depends on this one, and whether its instances run with this one's
 * connection information as it is now.
 *
 * @param component  the dependent's name
 * @param running    whether it is wanted running
 * @param stale      it runs with connection information that changed since (a restart or
 *                   upgrade gives it the current one); false when it is not running
 * @param receivedAt when it last received connection information (its last start, restart
 *                   or upgrade), or null if it never did
 */
public record Dependent(String component, boolean running, boolean stale, Instant receivedAt) {
}
