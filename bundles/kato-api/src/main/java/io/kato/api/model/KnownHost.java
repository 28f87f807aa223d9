package io.kato.api.model;

import java.time.Instant;

/**
 * An SSH host key a team trusts for fetching source.
 *
 * @param host        {@code host}, or {@code host:port} when the port is not 22
 * @param key         the public key, {@code "type base64"}
 * @param fingerprint as OpenSSH shows it, {@code SHA256:...}
 * @param pinned      true when a team member added it; false when it was trusted on
 *                    first use
 */
public record KnownHost(String host, String key, String fingerprint, boolean pinned, Instant createdAt) {
}
