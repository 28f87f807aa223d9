package io.kato.api;

/**
 * Base of every error a Kato service raises on purpose. Its message is written for the
 * person who made the request: it says what was wrong and how to fix it, and never
 * contains a secret. Interfaces map each subclass to one HTTP status or shell message.
 */
public abstract class KatoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected KatoException(String message) {
        super(message);
    }

    protected KatoException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short, stable name of the kind of error, used as the problem type. */
    public abstract String kind();
}
