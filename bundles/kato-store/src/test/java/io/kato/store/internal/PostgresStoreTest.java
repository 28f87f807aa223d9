package io.kato.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store contract on a real PostgreSQL server. README's test command starts one on
 * loopback and passes its URL in {@code KATO_TEST_POSTGRES_URL}; without it this test
 * fails, unless {@code KATO_TEST_POSTGRES=skip} says to leave PostgreSQL out on purpose.
 */
class PostgresStoreTest extends StoreContract {
    private static JdbcStore store;

    @BeforeAll
    static void open() {
        String url = System.getenv("KATO_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            Assumptions.assumeFalse("skip".equals(System.getenv("KATO_TEST_POSTGRES")),
                    "PostgreSQL left out on purpose (KATO_TEST_POSTGRES=skip)");
            fail("KATO_TEST_POSTGRES_URL is not set: run the tests with ./kato test, which starts PostgreSQL,"
                    + " or set KATO_TEST_POSTGRES=skip");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        store = new JdbcStore(ds);
        store.inTransaction(tx -> {
            // A fresh schema each run, so the contract starts from an empty database.
            tx.update("DROP SCHEMA IF EXISTS public CASCADE");
            tx.update("CREATE SCHEMA public");
            return null;
        });
        new Migrator(store).migrate();
    }

    @Override
    JdbcStore store() {
        return store;
    }

    @Test
    void runsOnPostgres() {
        assertEquals("PostgreSQL", store.product());
    }
}
