package io.kato.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rows of {@code third_party} and {@code third_party_endpoints}. Config and health check
 * are the caller's JSON; an endpoint's address is {@code host:port}.
 */
public final class ThirdPartyRows {
    private static final String ENDPOINT = "SELECT component_id, address, online, healthy, message, updated_at"
            + " FROM third_party_endpoints";
    private final Tx tx;

    public ThirdPartyRows(Tx tx) {
        this.tx = tx;
    }

    /** How a third-party component's endpoints are registered. */
    public record Registration(String componentId, String method, String configJson, String healthJson,
                               String keyHash, Instant updatedAt) {
    }

    /** One endpoint: what its registration says and what the health check found. */
    public record Endpoint(String componentId, String address, boolean online, boolean healthy, String message,
                           Instant updatedAt) {
    }

    public Optional<Registration> registration(String componentId) {
        return tx.one("SELECT component_id, method, config, health, key_hash, updated_at FROM third_party"
                + " WHERE component_id = ?", rs -> new Registration(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), Rows.instant(rs, "updated_at")), componentId);
    }

    /** Every registration, for the core that keeps their endpoints current. */
    public List<Registration> registrations() {
        return tx.query("SELECT component_id, method, config, health, key_hash, updated_at FROM third_party"
                + " ORDER BY component_id", rs -> new Registration(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), Rows.instant(rs, "updated_at")));
    }

    public void putRegistration(Registration r) {
        if (tx.update("UPDATE third_party SET method = ?, config = ?, health = ?, key_hash = ?, updated_at = ?"
                        + " WHERE component_id = ?", r.method(), r.configJson(), r.healthJson(),
                Rows.orNull(r.keyHash(), Tx.Null.TEXT), r.updatedAt(), r.componentId()) == 0) {
            tx.update("INSERT INTO third_party (component_id, method, config, health, key_hash, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", r.componentId(), r.method(), r.configJson(), r.healthJson(),
                    Rows.orNull(r.keyHash(), Tx.Null.TEXT), r.updatedAt());
        }
    }

    public List<Endpoint> endpoints(String componentId) {
        return tx.query(ENDPOINT + " WHERE component_id = ? ORDER BY address", ThirdPartyRows::endpoint, componentId);
    }

    /** Every endpoint by component, for the health check. */
    public Map<String, List<Endpoint>> allEndpoints() {
        Map<String, List<Endpoint>> out = new HashMap<>();
        for (Endpoint e : tx.query(ENDPOINT + " ORDER BY component_id, address", ThirdPartyRows::endpoint)) {
            out.computeIfAbsent(e.componentId(), k -> new ArrayList<>()).add(e);
        }
        return out;
    }

    /** Adds the endpoint or replaces the one at the same address. */
    public void putEndpoint(Endpoint e) {
        if (tx.update("UPDATE third_party_endpoints SET online = ?, healthy = ?, message = ?, updated_at = ?"
                        + " WHERE component_id = ? AND address = ?", e.online(), e.healthy(),
                Rows.orNull(e.message(), Tx.Null.TEXT), e.updatedAt(), e.componentId(), e.address()) == 0) {
            tx.update("INSERT INTO third_party_endpoints (component_id, address, online, healthy, message, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", e.componentId(), e.address(), e.online(), e.healthy(),
                    Rows.orNull(e.message(), Tx.Null.TEXT), e.updatedAt());
        }
    }

    /** Records what the health check found; false when the endpoint went meanwhile. */
    public boolean setHealth(String componentId, String address, boolean healthy, String message, Instant at) {
        return tx.update("UPDATE third_party_endpoints SET healthy = ?, message = ?, updated_at = ?"
                        + " WHERE component_id = ? AND address = ?", healthy, Rows.orNull(message, Tx.Null.TEXT), at,
                componentId, address) == 1;
    }

    public boolean removeEndpoint(String componentId, String address) {
        return tx.update("DELETE FROM third_party_endpoints WHERE component_id = ? AND address = ?", componentId,
                address) == 1;
    }

    /** Drops the component's registration and endpoints (it is deleted). */
    public void deleteFor(String componentId) {
        tx.update("DELETE FROM third_party_endpoints WHERE component_id = ?", componentId);
        tx.update("DELETE FROM third_party WHERE component_id = ?", componentId);
    }

    private static Endpoint endpoint(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Endpoint(rs.getString("component_id"), rs.getString("address"), rs.getBoolean("online"),
                rs.getBoolean("healthy"), rs.getString("message"), Rows.instant(rs, "updated_at"));
    }
}
