package io.kato.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of {@code image_checks}; the input is stored sealed and the report as the caller's JSON. */
public final class ImageCheckRows {
    private static final String SELECT = "SELECT id, team_id, kind, image, input_sealed, credential, registry, insecure,"
            + " status, message, report, event_id, created_at, finished_at FROM image_checks";
    private final Tx tx;

    public ImageCheckRows(Tx tx) {
        this.tx = tx;
    }

    /** A check as stored; {@code reportJson} is null until it succeeded. */
    public record Row(String id, String teamId, String kind, String image, String inputSealed, String credential,
                      String registry, boolean insecure, String status, String message, String reportJson,
                      String eventId, Instant createdAt, Instant finishedAt) {
    }

    public void insert(Row r) {
        tx.update("INSERT INTO image_checks (id, team_id, kind, image, input_sealed, credential, registry, insecure,"
                        + " status, message, event_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.teamId(), r.kind(), Rows.orNull(r.image(), Tx.Null.TEXT), r.inputSealed(),
                Rows.orNull(r.credential(), Tx.Null.TEXT), Rows.orNull(r.registry(), Tx.Null.TEXT), r.insecure(),
                r.status(), r.message(), r.eventId(), r.createdAt());
    }

    public Optional<Row> byId(String id) {
        return tx.one(SELECT + " WHERE id = ?", ImageCheckRows::map, id);
    }

    public List<Row> list(String teamId, int offset, int limit) {
        return tx.query(SELECT + " WHERE team_id = ? ORDER BY created_at DESC, id" + Rows.page(offset, limit),
                ImageCheckRows::map, teamId);
    }

    public long count(String teamId) {
        return tx.count("SELECT COUNT(*) FROM image_checks WHERE team_id = ?", teamId);
    }

    /** Moves a check from one status to the next; false when it was not in {@code from}. */
    public boolean transition(String id, String from, String to, String message) {
        return tx.update("UPDATE image_checks SET status = ?, message = ? WHERE id = ? AND status = ?",
                to, message, id, from) == 1;
    }

    /** Ends a check with its outcome and, when it succeeded, its report. */
    public void finish(String id, String status, String message, String reportJson, Instant at) {
        String m = message.length() <= 2000 ? message : message.substring(0, 1999) + "…";
        tx.update("UPDATE image_checks SET status = ?, message = ?, report = ?, finished_at = ? WHERE id = ?",
                status, m, Rows.orNull(reportJson, Tx.Null.TEXT), at, id);
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("team_id"), rs.getString("kind"), rs.getString("image"),
                rs.getString("input_sealed"), rs.getString("credential"), rs.getString("registry"),
                rs.getBoolean("insecure"),
                rs.getString("status"), rs.getString("message"), rs.getString("report"), rs.getString("event_id"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "finished_at"));
    }
}
