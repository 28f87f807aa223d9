package io.kato.store;

import io.kato.api.model.App;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Rows of {@code apps}. */
public final class AppRows {
    private static final String SELECT = "SELECT id, team_id, name, display_name, description, version, created_at,"
            + " updated_at FROM apps";
    private final Tx tx;

    public AppRows(Tx tx) {
        this.tx = tx;
    }

    public void insert(App a) {
        tx.update("INSERT INTO apps (id, team_id, name, display_name, description, version, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                a.id(), a.teamId(), a.name(), a.displayName(), a.description(), a.version(), a.createdAt(),
                a.updatedAt());
    }

    public Optional<App> byName(String teamId, String name) {
        return tx.one(SELECT + " WHERE team_id = ? AND name = ?", AppRows::map, teamId, name);
    }

    public Optional<App> byId(String id) {
        return tx.one(SELECT + " WHERE id = ?", AppRows::map, id);
    }

    public List<App> list(String teamId, int offset, int limit) {
        return tx.query(SELECT + " WHERE team_id = ? ORDER BY name" + Rows.page(offset, limit), AppRows::map, teamId);
    }

    public long count(String teamId) {
        return tx.count("SELECT COUNT(*) FROM apps WHERE team_id = ?", teamId);
    }

    public boolean update(App a, long expectedVersion) {
        return tx.update("UPDATE apps SET display_name = ?, description = ?, version = ?, updated_at = ?"
                        + " WHERE id = ? AND version = ?",
                a.displayName(), a.description(), a.version(), a.updatedAt(), a.id(), expectedVersion) == 1;
    }

    public boolean delete(String id, long expectedVersion) {
        return tx.update("DELETE FROM apps WHERE id = ? AND version = ?", id, expectedVersion) == 1;
    }

    private static App map(ResultSet rs) throws SQLException {
        return new App(rs.getString("id"), rs.getString("team_id"), rs.getString("name"), rs.getString("display_name"),
                rs.getString("description"), rs.getLong("version"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}
