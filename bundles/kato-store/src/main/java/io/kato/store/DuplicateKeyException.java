package io.kato.store;

/**
 * A unique constraint refused a row (SQL state 23505 on Derby and PostgreSQL): two
 * writers raced for the same name. The core turns it into a conflict.
 */
public class DuplicateKeyException extends StoreException {
    private static final long serialVersionUID = 1L;

    public DuplicateKeyException(Throwable cause) {
        super("duplicate key", cause);
    }
}
