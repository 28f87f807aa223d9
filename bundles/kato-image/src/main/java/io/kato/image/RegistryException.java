package io.kato.image;

/**
 * A registry could not tell what an image is. The message says which image and registry,
 * what happened and what to do; it never holds credentials.
 */
public class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, for callers that act on it (an unreachable registry is worth a retry; a missing image is not). */
    public enum Kind {
        /** No such repository, tag or digest. */
        NOT_FOUND,
        /** Credentials are needed, or were refused. */
        UNAUTHORIZED,
        /** The registry did not answer (name, network, timeout). */
        UNREACHABLE,
        /** Its TLS certificate is not trusted. */
        UNTRUSTED,
        /** It answered something that is not a usable image. */
        INVALID
    }

    private final Kind kind;

    public RegistryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
