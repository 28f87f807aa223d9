package io.kato.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of {@code source_checks}; the report is stored as the caller's JSON text. */
public final class SourceCheckRows {
    private static final String SELECT = "SELECT id, team_id, kind, url, ref, subdir, credential, status, message,"
            + " report, event_id, created_at, finished_at, trust_cert FROM source_checks";
    private final Tx tx;

    public SourceCheckRows(Tx tx) {
        this.tx = tx;
    }

    /** A check as stored; {@code reportJson} is null until it succeeded. */
    public record Row(String id, String teamId, String kind, String url, String ref, String subdir, String credential,
                      String status, String message, String reportJson, String eventId, Instant createdAt,
                      Instant finishedAt, boolean trustServerCertificate) {
    }

    public void insert(Row r) {
        tx.update("INSERT INTO source_checks (id, team_id, kind, url, ref, subdir, credential, status, message,"
                        + " event_id, created_at, trust_cert) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.teamId(), r.kind(), r.url(), Rows.orNull(r.ref(), Tx.Null.TEXT),
                Rows.orNull(r.subdir(), Tx.Null.TEXT), Rows.orNull(r.credential(), Tx.Null.TEXT), r.status(),
                r.message(), r.eventId(), r.createdAt(), r.trustServerCertificate());
    }

    public Optional<Row> byId(String id) {
        return tx.one(SELECT + " WHERE id = ?", SourceCheckRows::map, id);
    }

    public List<Row> list(String teamId, int offset, int limit) {
        return tx.query(SELECT + " WHERE team_id = ? ORDER BY created_at DESC, id" + Rows.page(offset, limit),
                SourceCheckRows::map, teamId);
    }

    /** Checks of this source that have not ended yet (queued or running), or that ended after {@code since}. */
    public long countUnfinishedOrEndedAfter(String kind, String url, Instant since) {
        return tx.count("SELECT COUNT(*) FROM source_checks WHERE kind = ? AND url = ? AND (status IN ('queued',"
                + " 'running') OR finished_at > ?)", kind, url, since);
    }

    public long count(String teamId) {
        return tx.count("SELECT COUNT(*) FROM source_checks WHERE team_id = ?", teamId);
    }

    /** Moves a check from one status to the next; false when it was not in {@code from}. */
    public boolean transition(String id, String from, String to, String message) {
        return tx.update("UPDATE source_checks SET status = ?, message = ? WHERE id = ? AND status = ?",
                to, message, id, from) == 1;
    }

    /** Ends a check with its outcome and, when it succeeded, its report. */
    public void finish(String id, String status, String message, String reportJson, Instant at) {
        String m = message.length() <= 2000 ? message : message.substring(0, 1999) + "…";
        tx.update("UPDATE source_checks SET status = ?, message = ?, report = ?, finished_at = ? WHERE id = ?",
                status, m, Rows.orNull(reportJson, Tx.Null.TEXT), at, id);
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("team_id"), rs.getString("kind"), rs.getString("url"),
                rs.getString("ref"), rs.getString("subdir"), rs.getString("credential"), rs.getString("status"),
                rs.getString("message"),
                rs.getString("report"), rs.getString("event_id"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "finished_at"), rs.getBoolean("trust_cert"));
    }
}
