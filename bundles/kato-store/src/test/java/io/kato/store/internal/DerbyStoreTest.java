package io.kato.store.internal;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeAll;

class DerbyStoreTest extends StoreContract {
    private static JdbcStore store;

    @BeforeAll
    static void open() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:kato-store-test");
        ds.setCreateDatabase("create");
        store = new JdbcStore(ds);
        new Migrator(store).migrate();
    }

    @Override
    JdbcStore store() {
        return store;
    }
}
