package io.kato.api.source;

/**
 * Decrypted credentials for one fetch. Held only for the fetch; {@link #toString()} never
 * shows a secret.
 */
public record Credentials(Type type, String username, char[] secret, byte[] privateKey) {
    public enum Type { NONE, PASSWORD, TOKEN, SSH_KEY }

    public static Credentials none() {
        return new Credentials(Type.NONE, null, null, null);
    }

    @Override
    public String toString() {
        return "Credentials[" + type + (username == null ? "" : ", user=" + username) + "]";
    }
}
