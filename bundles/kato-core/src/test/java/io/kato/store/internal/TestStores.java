package io.kato.store.internal;

import io.kato.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * Test-only door to the store's package-private {@link JdbcStore} and {@link Migrator}:
 * on the plain test class path the same package name spans both modules.
 */
public final class TestStores {
    static {
        // Keep derby.log out of the module's base directory.
        if (System.getProperty("derby.stream.error.file") == null) {
            Path dir = Files.isDirectory(Path.of("target")) ? Path.of("target")
                    : Path.of(System.getProperty("java.io.tmpdir"));
            System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        }
    }

    private TestStores() {
    }

    /** A fresh, migrated, in-memory Derby database that no other test shares. */
    public static Store newDerbyStore() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:kato-core-" + UUID.randomUUID());
        ds.setCreateDatabase("create");
        JdbcStore store = new JdbcStore(ds);
        new Migrator(store).migrate();
        return store;
    }
}
