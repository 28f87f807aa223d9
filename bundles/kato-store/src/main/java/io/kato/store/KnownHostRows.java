package io.kato.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of {@code known_hosts}: the SSH host keys each team trusts. */
public final class KnownHostRows {
    private static final String SELECT = "SELECT team_id, host, key_type, key_blob, pinned, created_at FROM known_hosts";
    private final Tx tx;

    public KnownHostRows(Tx tx) {
        this.tx = tx;
    }

    public record Row(String teamId, String host, String keyType, String keyBlob, boolean pinned, Instant createdAt) {
    }

    /** Inserts the row; a host that already has a key makes the transaction fail on the primary key. */
    public void insert(Row r) {
        tx.update("INSERT INTO known_hosts (team_id, host, key_type, key_blob, pinned, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", r.teamId(), r.host(), r.keyType(), r.keyBlob(), r.pinned(), r.createdAt());
    }

    public Optional<Row> byHost(String teamId, String host) {
        return tx.one(SELECT + " WHERE team_id = ? AND host = ?", KnownHostRows::map, teamId, host);
    }

    public List<Row> list(String teamId) {
        return tx.query(SELECT + " WHERE team_id = ? ORDER BY host", KnownHostRows::map, teamId);
    }

    public boolean delete(String teamId, String host) {
        return tx.update("DELETE FROM known_hosts WHERE team_id = ? AND host = ?", teamId, host) == 1;
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getString("team_id"), rs.getString("host"), rs.getString("key_type"),
                rs.getString("key_blob"), rs.getBoolean("pinned"), Rows.instant(rs, "created_at"));
    }
}
