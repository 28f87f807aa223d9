package io.kato.store;

import io.kato.api.model.ApiToken;
import io.kato.api.model.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Rows of {@code users} and {@code api_tokens}. Tokens are looked up by their hash only. */
public final class UserRows {
    private static final String SELECT = "SELECT id, name, display_name, admin, version, created_at FROM users";
    private static final String TOKEN_COLUMNS = "t.id, t.user_id, t.name, t.created_at, t.expires_at";
    private final Tx tx;

    public UserRows(Tx tx) {
        this.tx = tx;
    }

    public void insert(User u) {
        tx.update("INSERT INTO users (id, name, display_name, admin, version, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                u.id(), u.name(), u.displayName(), u.admin(), u.version(), u.createdAt());
    }

    public Optional<User> byName(String name) {
        return tx.one(SELECT + " WHERE name = ?", UserRows::map, name);
    }

    public Optional<User> byId(String id) {
        return tx.one(SELECT + " WHERE id = ?", UserRows::map, id);
    }

    public List<User> list(int offset, int limit) {
        return tx.query(SELECT + " ORDER BY name" + Rows.page(offset, limit), UserRows::map);
    }

    public long count() {
        return tx.count("SELECT COUNT(*) FROM users");
    }

    /**
     * Locks every admin row until the transaction ends, so that two transactions that
     * each remove an admin are serialised and cannot both see "another admin remains".
     */
    public void lockAdmins() {
        tx.update("UPDATE users SET version = version + 1 WHERE admin = ?", true);
    }

    public long countAdmins() {
        return tx.count("SELECT COUNT(*) FROM users WHERE admin = ?", true);
    }

    public void delete(String id) {
        tx.update("DELETE FROM api_tokens WHERE user_id = ?", id);
        tx.update("DELETE FROM team_members WHERE user_id = ?", id);
        tx.update("DELETE FROM users WHERE id = ?", id);
    }

    public void insertToken(ApiToken t, String hash) {
        tx.update("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", t.id(), t.userId(), t.name(), hash, t.createdAt(),
                Rows.orNull(t.expiresAt(), Tx.Null.TIMESTAMP));
    }

    /** The token with this hash and the user it belongs to. */
    public Optional<TokenOwner> tokenByHash(String hash) {
        return tx.one("SELECT " + TOKEN_COLUMNS + ", u.name AS user_name, u.display_name, u.admin, u.version AS uv,"
                        + " u.created_at AS u_created FROM api_tokens t JOIN users u ON u.id = t.user_id"
                        + " WHERE t.token_hash = ?",
                rs -> new TokenOwner(mapToken(rs), new User(rs.getString("user_id"), rs.getString("user_name"),
                        rs.getString("display_name"), rs.getBoolean("admin"), rs.getLong("uv"),
                        Rows.instant(rs, "u_created"))), hash);
    }

    public List<ApiToken> tokens(String userId) {
        return tx.query("SELECT " + TOKEN_COLUMNS + " FROM api_tokens t WHERE t.user_id = ? ORDER BY t.created_at",
                UserRows::mapToken, userId);
    }

    public boolean deleteToken(String userId, String tokenId) {
        return tx.update("DELETE FROM api_tokens WHERE user_id = ? AND id = ?", userId, tokenId) == 1;
    }

    /** A token and its owner. */
    public record TokenOwner(ApiToken token, User user) {
    }

    private static ApiToken mapToken(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("user_id"), rs.getString("name"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "expires_at"));
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("name"), rs.getString("display_name"),
                rs.getBoolean("admin"), rs.getLong("version"), Rows.instant(rs, "created_at"));
    }
}
