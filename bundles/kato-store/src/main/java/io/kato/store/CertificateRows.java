package io.kato.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of {@code certificates}: one per domain, key sealed by the core. */
public final class CertificateRows {
    private static final String SELECT = "SELECT id, team_id, domain, chain_pem, key_sealed, subject, names, not_after,"
            + " created_at FROM certificates";
    private final Tx tx;

    public CertificateRows(Tx tx) {
        this.tx = tx;
    }

    /** {@code names} is the covered DNS names, comma-separated. */
    public record Row(String id, String teamId, String domain, String chainPem, String keySealed, String subject,
                      String names, Instant notAfter, Instant createdAt) {
    }

    public void insert(Row r) {
        tx.update("INSERT INTO certificates (id, team_id, domain, chain_pem, key_sealed, subject, names, not_after,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r.id(), r.teamId(), r.domain(), r.chainPem(),
                r.keySealed(), r.subject(), r.names(), r.notAfter(), r.createdAt());
    }

    public List<Row> list(String teamId) {
        return tx.query(SELECT + " WHERE team_id = ? ORDER BY domain", CertificateRows::map, teamId);
    }

    public Optional<Row> byDomain(String domain) {
        return tx.one(SELECT + " WHERE domain = ?", CertificateRows::map, domain);
    }

    public List<Row> all() {
        return tx.query(SELECT + " ORDER BY domain", CertificateRows::map);
    }

    /** Ids and domains only, cheap enough to poll: what changes when a certificate comes or goes. */
    public List<String> fingerprint() {
        return tx.query("SELECT id FROM certificates ORDER BY id", rs -> rs.getString(1));
    }

    public boolean delete(String teamId, String id) {
        return tx.update("DELETE FROM certificates WHERE team_id = ? AND id = ?", teamId, id) == 1;
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("team_id"), rs.getString("domain"), rs.getString("chain_pem"),
                rs.getString("key_sealed"), rs.getString("subject"), rs.getString("names"),
                Rows.instant(rs, "not_after"), Rows.instant(rs, "created_at"));
    }
}
