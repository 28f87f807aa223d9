package io.kato.api.source;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The SSH host keys a team trusts, for fetchers that authenticate servers by key. Kato's
 * policy is trust on first use, per team: the first key a host shows is recorded, and from
 * then on only that key is accepted, until a team member removes it (or pins another
 * one beforehand).
 *
 * <p>Hosts are named as {@link #name} makes them: {@code host} for port 22 and
 * {@code host:port} otherwise, in lower case.
 */
@ProviderType
public interface HostKeys {
    /** The key trusted for the host, if one is recorded. */
    Optional<HostKey> trusted(String host);

    /**
     * Records the key a host showed when none was trusted yet.
     *
     * @return false if another key was recorded for the host meanwhile: the caller must
     *         then refuse the connection as it would for a changed key
     */
    boolean trustFirstSeen(String host, HostKey key);

    /** The name of a host as this interface expects it; an IPv6 address is bracketed. */
    static String name(String host, int port) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return port <= 0 || port == 22 ? h : h + ":" + port;
    }

    /** Trusts nothing and records nothing: every SSH connection is refused. */
    static HostKeys none() {
        return new HostKeys() {
            @Override
            public Optional<HostKey> trusted(String host) {
                return Optional.empty();
            }

            @Override
            public boolean trustFirstSeen(String host, HostKey key) {
                return false;
            }
        };
    }
}
