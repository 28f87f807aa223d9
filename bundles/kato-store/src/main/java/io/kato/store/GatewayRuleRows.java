package io.kato.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Rows of {@code gateway_rules}; headers and backends are JSON the core writes and reads. */
public final class GatewayRuleRows {
    private static final String SELECT = "SELECT id, team_id, domain, path_prefix, headers, backends, created_at"
            + " FROM gateway_rules";
    private final Tx tx;

    public GatewayRuleRows(Tx tx) {
        this.tx = tx;
    }

    public record Row(String id, String teamId, String domain, String pathPrefix, String headersJson,
                      String backendsJson, Instant createdAt) {
    }

    public void insert(Row r) {
        tx.update("INSERT INTO gateway_rules (id, team_id, domain, path_prefix, headers, backends, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", r.id(), r.teamId(), r.domain(), r.pathPrefix(), r.headersJson(),
                r.backendsJson(), r.createdAt());
    }

    /** The team's rules, by domain then path. */
    public List<Row> list(String teamId) {
        return tx.query(SELECT + " WHERE team_id = ? ORDER BY domain, path_prefix, id", GatewayRuleRows::map, teamId);
    }

    /** Every team's rules on the domain. */
    public List<Row> byDomain(String domain) {
        return tx.query(SELECT + " WHERE domain = ? ORDER BY id", GatewayRuleRows::map, domain);
    }

    /** Every rule of every team (the gateway's route table). */
    public List<Row> all() {
        return tx.query(SELECT + " ORDER BY domain, id", GatewayRuleRows::map);
    }

    public boolean delete(String teamId, String id) {
        return tx.update("DELETE FROM gateway_rules WHERE team_id = ? AND id = ?", teamId, id) == 1;
    }

    public void deleteFor(String teamId) {
        tx.update("DELETE FROM gateway_rules WHERE team_id = ?", teamId);
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("team_id"), rs.getString("domain"),
                rs.getString("path_prefix"), rs.getString("headers"), rs.getString("backends"),
                Rows.instant(rs, "created_at"));
    }
}
