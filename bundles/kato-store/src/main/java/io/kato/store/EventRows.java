package io.kato.store;

import io.kato.api.model.AuditRecord;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.model.WireEnum;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of {@code events} (the operation log) and {@code audit_records}. */
public final class EventRows {
    private static final String SELECT = "SELECT id, team_id, target_kind, target_name, operation, actor, status, message,"
            + " started_at, finished_at FROM events";
    private static final int MAX_MESSAGE = 2000;
    private final Tx tx;

    public EventRows(Tx tx) {
        this.tx = tx;
    }

    public void insert(Event e) {
        tx.update("INSERT INTO events (id, team_id, target_kind, target_name, operation, actor, status, message,"
                        + " started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id(), Rows.orNull(e.teamId(), Tx.Null.TEXT), e.targetKind(), e.targetName(), e.operation(), e.actor(),
                WireEnum.name(e.status()), clip(e.message()), e.startedAt(),
                Rows.orNull(e.finishedAt(), Tx.Null.TIMESTAMP));
    }

    public void finish(String id, EventStatus status, String message, Instant at) {
        tx.update("UPDATE events SET status = ?, message = ?, finished_at = ? WHERE id = ?",
                WireEnum.name(status), clip(message), at, id);
    }

    public Optional<Event> byId(String teamId, String id) {
        return tx.one(SELECT + " WHERE team_id = ? AND id = ?", EventRows::map, teamId, id);
    }

    public List<Event> list(String teamId, int offset, int limit) {
        return tx.query(SELECT + " WHERE team_id = ? ORDER BY started_at DESC, id" + Rows.page(offset, limit),
                EventRows::map, teamId);
    }

    /** Every running event of the given operations on components, oldest first (few: they end within minutes). */
    public List<Event> openComponentOperations(List<String> operations) {
        String marks = String.join(", ", java.util.Collections.nCopies(operations.size(), "?"));
        Object[] args = new Object[operations.size() + 1];
        args[0] = WireEnum.name(EventStatus.RUNNING);
        for (int i = 0; i < operations.size(); i++) {
            args[i + 1] = operations.get(i);
        }
        return tx.query(SELECT + " WHERE status = ? AND target_kind = 'component' AND operation IN (" + marks + ")"
                + " ORDER BY started_at, id", EventRows::map, args);
    }

    public long count(String teamId) {
        return tx.count("SELECT COUNT(*) FROM events WHERE team_id = ?", teamId);
    }

    public String log(String id) {
        return tx.one("SELECT log FROM events WHERE id = ?", rs -> rs.getString(1), id).orElse(null);
    }

    /** Appends text to an event's log (read-modify-write: logs of one event have one writer). */
    public void appendLog(String id, String text) {
        String current = log(id);
        tx.update("UPDATE events SET log = ? WHERE id = ?", current == null ? text : current + text, id);
    }

    public void insertAudit(AuditRecord a) {
        tx.update("INSERT INTO audit_records (id, team_id, actor, action, target, before_state, after_state,"
                        + " request_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.id(), Rows.orNull(a.teamId(), Tx.Null.TEXT), a.actor(), a.action(), a.target(),
                Rows.orNull(a.before(), Tx.Null.TEXT), Rows.orNull(a.after(), Tx.Null.TEXT),
                Rows.orNull(a.requestId(), Tx.Null.TEXT), a.at());
    }

    public List<AuditRecord> audit(String teamId, int offset, int limit) {
        return tx.query("SELECT id, team_id, actor, action, target, before_state, after_state, request_id, recorded_at"
                        + " FROM audit_records WHERE team_id = ? ORDER BY recorded_at DESC, id" + Rows.page(offset, limit),
                rs -> new AuditRecord(rs.getString("id"), rs.getString("team_id"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("target"), rs.getString("before_state"),
                        rs.getString("after_state"), rs.getString("request_id"), Rows.instant(rs, "recorded_at")), teamId);
    }

    public long countAudit(String teamId) {
        return tx.count("SELECT COUNT(*) FROM audit_records WHERE team_id = ?", teamId);
    }

    private static String clip(String message) {
        String m = message == null ? "" : message;
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private static Event map(ResultSet rs) throws SQLException {
        return new Event(rs.getString("id"), rs.getString("team_id"), rs.getString("target_kind"),
                rs.getString("target_name"), rs.getString("operation"), rs.getString("actor"),
                WireEnum.parse(EventStatus.class, rs.getString("status")), rs.getString("message"),
                Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"));
    }
}
