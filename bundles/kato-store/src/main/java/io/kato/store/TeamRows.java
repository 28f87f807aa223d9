package io.kato.store;

import io.kato.api.model.Membership;
import io.kato.api.model.Role;
import io.kato.api.model.Team;
import io.kato.api.model.WireEnum;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Rows of {@code teams} and {@code team_members}. */
public final class TeamRows {
    private static final String COLUMNS = "t.id, t.name, t.display_name, t.environment, t.version, t.created_at, t.updated_at,"
            + " t.runtime";
    private final Tx tx;

    public TeamRows(Tx tx) {
        this.tx = tx;
    }

    public void insert(Team t) {
        tx.update("INSERT INTO teams (id, name, display_name, environment, version, created_at, updated_at,"
                        + " runtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(), t.name(), t.displayName(), t.environment(), t.version(), t.createdAt(), t.updatedAt(),
                Rows.orNull(t.runtime(), Tx.Null.TEXT));
    }

    public Optional<Team> byName(String name) {
        return tx.one("SELECT " + COLUMNS + " FROM teams t WHERE t.name = ?", TeamRows::map, name);
    }

    /** Holds the team's row until the transaction ends: changes checked against the whole team go one at a time. */
    public void lock(String id) {
        tx.update("UPDATE teams SET version = version WHERE id = ?", id);
    }

    public Optional<Team> byId(String id) {
        return tx.one("SELECT " + COLUMNS + " FROM teams t WHERE t.id = ?", TeamRows::map, id);
    }

    /** All teams, or only those the user is a member of when {@code userId} is not null. */
    public List<Team> list(String userId, int offset, int limit) {
        if (userId == null) {
            return tx.query("SELECT " + COLUMNS + " FROM teams t ORDER BY t.name" + Rows.page(offset, limit), TeamRows::map);
        }
        return tx.query("SELECT " + COLUMNS + " FROM teams t JOIN team_members m ON m.team_id = t.id"
                + " WHERE m.user_id = ? ORDER BY t.name" + Rows.page(offset, limit), TeamRows::map, userId);
    }

    public long count(String userId) {
        return userId == null ? tx.count("SELECT COUNT(*) FROM teams")
                : tx.count("SELECT COUNT(*) FROM team_members WHERE user_id = ?", userId);
    }

    /** Compare-and-set: writes the new state only if the row is still at {@code expectedVersion}. */
    public boolean update(Team t, long expectedVersion) {
        return tx.update("UPDATE teams SET display_name = ?, environment = ?, version = ?, updated_at = ?,"
                        + " runtime = ? WHERE id = ? AND version = ?", t.displayName(), t.environment(), t.version(),
                t.updatedAt(), Rows.orNull(t.runtime(), Tx.Null.TEXT), t.id(), expectedVersion) == 1;
    }

    /**
     * Deletes the team with what belongs only to it: members, credentials, trusted host keys,
     * source and image checks, gateway rules, certificates.
     */
    public boolean delete(String id, long expectedVersion) {
        tx.update("DELETE FROM team_members WHERE team_id = ?", id);
        tx.update("DELETE FROM source_credentials WHERE team_id = ?", id);
        tx.update("DELETE FROM known_hosts WHERE team_id = ?", id);
        tx.update("DELETE FROM source_checks WHERE team_id = ?", id);
        tx.update("DELETE FROM image_checks WHERE team_id = ?", id);
        tx.update("DELETE FROM gateway_rules WHERE team_id = ?", id);
        tx.update("DELETE FROM certificates WHERE team_id = ?", id);
        tx.update("DELETE FROM plugin_versions WHERE plugin_id IN (SELECT id FROM plugins WHERE team_id = ?)", id);
        tx.update("DELETE FROM plugins WHERE team_id = ?", id);
        return tx.update("DELETE FROM teams WHERE id = ? AND version = ?", id, expectedVersion) == 1;
    }

    public List<Membership> members(String teamId) {
        return tx.query("SELECT m.team_id, t.name AS team_name, m.user_id, u.name AS user_name, m.role"
                + " FROM team_members m JOIN teams t ON t.id = m.team_id JOIN users u ON u.id = m.user_id"
                + " WHERE m.team_id = ? ORDER BY u.name", TeamRows::mapMember, teamId);
    }

    public List<Membership> membershipsOf(String userId) {
        return tx.query("SELECT m.team_id, t.name AS team_name, m.user_id, u.name AS user_name, m.role"
                + " FROM team_members m JOIN teams t ON t.id = m.team_id JOIN users u ON u.id = m.user_id"
                + " WHERE m.user_id = ?", TeamRows::mapMember, userId);
    }

    public void putMember(String teamId, String userId, Role role) {
        if (tx.update("UPDATE team_members SET role = ? WHERE team_id = ? AND user_id = ?",
                WireEnum.name(role), teamId, userId) == 0) {
            tx.update("INSERT INTO team_members (team_id, user_id, role) VALUES (?, ?, ?)",
                    teamId, userId, WireEnum.name(role));
        }
    }

    /** The teams that chose a runtime of their own: team id → runtime name. */
    public java.util.Map<String, String> runtimes() {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        tx.query("SELECT id, runtime FROM teams WHERE runtime IS NOT NULL", rs -> out.put(rs.getString(1),
                rs.getString(2)));
        return out;
    }

    public boolean removeMember(String teamId, String userId) {
        return tx.update("DELETE FROM team_members WHERE team_id = ? AND user_id = ?", teamId, userId) == 1;
    }

    static Team map(ResultSet rs) throws SQLException {
        return new Team(rs.getString("id"), rs.getString("name"), rs.getString("display_name"),
                rs.getString("environment"), rs.getLong("version"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"), rs.getString("runtime"));
    }

    private static Membership mapMember(ResultSet rs) throws SQLException {
        return new Membership(rs.getString("team_id"), rs.getString("team_name"), rs.getString("user_id"),
                rs.getString("user_name"), WireEnum.parse(Role.class, rs.getString("role")));
    }

}
