package io.kato.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of {@code source_credentials}. The secret column holds ciphertext only. */
public final class CredentialRows {
    private static final String SELECT = "SELECT id, team_id, name, type, username, secret, public_key, created_at"
            + " FROM source_credentials";
    private final Tx tx;

    public CredentialRows(Tx tx) {
        this.tx = tx;
    }

    /** A stored credential; {@code sealedSecret} is encrypted. */
    public record Row(String id, String teamId, String name, String type, String username, String sealedSecret,
                      String publicKey, Instant createdAt) {
    }

    public void insert(Row r) {
        tx.update("INSERT INTO source_credentials (id, team_id, name, type, username, secret, public_key, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.id(), r.teamId(), r.name(), r.type(),
                Rows.orNull(r.username(), Tx.Null.TEXT), r.sealedSecret(), Rows.orNull(r.publicKey(), Tx.Null.TEXT),
                r.createdAt());
    }

    public Optional<Row> byName(String teamId, String name) {
        return tx.one(SELECT + " WHERE team_id = ? AND name = ?", CredentialRows::map, teamId, name);
    }

    public List<Row> list(String teamId) {
        return tx.query(SELECT + " WHERE team_id = ? ORDER BY name", CredentialRows::map, teamId);
    }

    public boolean delete(String teamId, String name) {
        return tx.update("DELETE FROM source_credentials WHERE team_id = ? AND name = ?", teamId, name) == 1;
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("team_id"), rs.getString("name"), rs.getString("type"),
                rs.getString("username"), rs.getString("secret"), rs.getString("public_key"),
                Rows.instant(rs, "created_at"));
    }
}
