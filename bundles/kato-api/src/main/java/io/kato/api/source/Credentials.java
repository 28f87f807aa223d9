package io.kato.api.source;

/**
 * Decrypted credentials for one fetch, and the SSH host keys the team trusts. Held only for
 * the fetch; {@link #toString()} never shows a secret.
 *
 * @param privateKey for {@link Type#SSH_KEY}: the private key as PKCS#8 PEM
 * @param hostKeys   never null; fetchers that connect over SSH must verify the server
 *                   against it
 */
public record Credentials(Type type, String username, char[] secret, byte[] privateKey, HostKeys hostKeys) {
    public enum Type { NONE, PASSWORD, TOKEN, SSH_KEY }

    public Credentials {
        hostKeys = hostKeys == null ? HostKeys.none() : hostKeys;
    }

    /** Credentials that trust no SSH host. */
    public Credentials(Type type, String username, char[] secret, byte[] privateKey) {
        this(type, username, secret, privateKey, HostKeys.none());
    }

    public static Credentials none() {
        return new Credentials(Type.NONE, null, null, null);
    }

    public Credentials withHostKeys(HostKeys keys) {
        return new Credentials(type, username, secret, privateKey, keys);
    }

    @Override
    public String toString() {
        return "Credentials[" + type + (username == null ? "" : ", user=" + username) + "]";
    }
}
