package io.kato.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The database, migrated to the current schema. Registered as a service once migrations
 * have run; absent while the database is unreachable.
 */
@ProviderType
public interface Store {
    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it
     * throws (the exception is rethrown as is, checked ones wrapped in {@link StoreException}).
     */
    <T> T inTransaction(Work<T> work);

    /** The database product, for diagnostics ({@code Apache Derby}, {@code PostgreSQL}). */
    String product();

    /** Work done inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws Exception;
    }
}
