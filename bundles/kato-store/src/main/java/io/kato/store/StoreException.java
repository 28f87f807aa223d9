package io.kato.store;

/** The database failed in a way the caller cannot fix (connection lost, SQL error). */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
