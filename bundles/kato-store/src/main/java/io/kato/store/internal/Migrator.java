package io.kato.store.internal;

import io.kato.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Versioned schema migrations. Scripts are listed here, in order, and read from this
 * bundle's own class path: no class-path scanning, which is what breaks migration
 * libraries inside OSGi. Each script runs in its own transaction together with its row
 * in {@code kato_schema}; an applied script whose checksum changed stops the start-up,
 * because the database no longer matches what the code expects.
 */
final class Migrator {
    /** Every migration, oldest first. Append; never edit or reorder an applied one. */
    static final List<String> SCRIPTS = List.of("V1__initial_model.sql", "V2__source_checks.sql",
            "V3__component_source.sql", "V4__source_credentials.sql", "V5__known_hosts.sql",
            "V6__source_check_trust.sql", "V7__builds_and_versions.sql",
            "V8__releases.sql", "V9__gateway_rules.sql", "V10__component_probes.sql",
            "V11__certificates.sql", "V12__image_checks.sql", "V13__component_storage.sql",
            "V14__team_runtime.sql", "V15__plugins.sql", "V16__dependencies.sql",
            "V17__third_party.sql");

    private final JdbcStore store;

    Migrator(JdbcStore store) {
        this.store = store;
    }

    /** Applies the scripts not yet applied; returns how many ran. */
    int migrate() {
        store.inTransaction(tx -> {
            JdbcStore.JdbcTx jtx = (JdbcStore.JdbcTx) tx;
            if (!tableExists(jtx.connection(), "KATO_SCHEMA")) {
                try (Statement s = jtx.connection().createStatement()) {
                    s.execute("CREATE TABLE kato_schema (version INTEGER NOT NULL PRIMARY KEY,"
                            + " script VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
                }
            }
            return null;
        });
        int ran = 0;
        for (String script : SCRIPTS) {
            if (applyOne(script)) {
                ran++;
            }
        }
        return ran;
    }

    private boolean applyOne(String script) {
        int version = versionOf(script);
        String sql = dialect(read(script));
        String checksum = sha256(sql);
        return store.inTransaction(tx -> {
            JdbcStore.JdbcTx jtx = (JdbcStore.JdbcTx) tx;
            // Serialises nodes that start at once against the same database.
            try (Statement s = jtx.connection().createStatement()) {
                s.execute("LOCK TABLE kato_schema IN EXCLUSIVE MODE");
            }
            Map<Integer, String> applied = new TreeMap<>();
            tx.query("SELECT version, checksum FROM kato_schema", rs -> applied.put(rs.getInt(1), rs.getString(2)));
            if (applied.containsKey(version)) {
                if (!applied.get(version).equals(checksum)) {
                    throw new StoreException("Migration " + script + " was changed after it was applied"
                            + " (checksum differs): restore the original script and add a new one instead", null);
                }
                return false;
            }
            try (Statement s = jtx.connection().createStatement()) {
                for (String statement : statements(sql)) {
                    s.execute(statement);
                }
            }
            tx.update("INSERT INTO kato_schema (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    version, script, checksum, Instant.now());
            return true;
        });
    }

    private String dialect(String sql) {
        return sql.replace("${text}", store.isPostgres() ? "TEXT" : "CLOB");
    }

    static int versionOf(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    /** Splits a script on semicolons that end a line, dropping comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString());
        }
        return out;
    }

    private static boolean tableExists(Connection c, String upperName) throws SQLException {
        for (String name : new String[] {upperName, upperName.toLowerCase()}) {
            try (var rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String read(String script) {
        try (InputStream in = Migrator.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new StoreException("Migration script " + script + " is missing from the bundle", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("Cannot read migration " + script, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
