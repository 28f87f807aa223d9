package io.kato.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of {@code builds} and {@code versions}: what was built for a component, and what it produced. */
public final class BuildRows {
    private static final String BUILD = "SELECT id, component_id, status, message, created_at, finished_at FROM builds";
    private static final String VERSION = "SELECT id, component_id, number, build_id, strategy, artifact,"
            + " start_command, revision, ref, author, message, created_at FROM versions";
    private final Tx tx;

    public BuildRows(Tx tx) {
        this.tx = tx;
    }

    /** One build; its id is its event's id. */
    public record Build(String id, String componentId, String status, String message, Instant createdAt,
                        Instant finishedAt) {
    }

    /** One version; {@code startCommandJson} is a JSON array of argv. */
    public record VersionRow(String id, String componentId, int number, String buildId, String strategy,
                             String artifact, String startCommandJson, String revision, String ref, String author,
                             String message, Instant createdAt) {
    }

    public void insertBuild(Build b) {
        tx.update("INSERT INTO builds (id, component_id, status, message, created_at) VALUES (?, ?, ?, ?, ?)",
                b.id(), b.componentId(), b.status(), Rows.orNull(b.message(), Tx.Null.TEXT), b.createdAt());
    }

    /** Moves a build from one status to the next; false when it was not in {@code from}. */
    public boolean moveBuild(String id, String from, String to, String message, Instant finishedAt) {
        return tx.update("UPDATE builds SET status = ?, message = ?, finished_at = ? WHERE id = ? AND status = ?",
                to, Rows.orNull(message, Tx.Null.TEXT), Rows.orNull(finishedAt, Tx.Null.TIMESTAMP), id, from) == 1;
    }

    public Optional<Build> build(String id) {
        return tx.one(BUILD + " WHERE id = ?", BuildRows::mapBuild, id);
    }

    /** The component's newest build, if any. */
    public Optional<Build> latestBuild(String componentId) {
        return tx.one(BUILD + " WHERE component_id = ? ORDER BY created_at DESC, id" + Rows.page(0, 1),
                BuildRows::mapBuild, componentId);
    }

    public void insertVersion(VersionRow v) {
        tx.update("INSERT INTO versions (id, component_id, number, build_id, strategy, artifact, start_command,"
                        + " revision, ref, author, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.id(), v.componentId(), v.number(), v.buildId(), v.strategy(), v.artifact(),
                Rows.orNull(v.startCommandJson(), Tx.Null.TEXT), Rows.orNull(v.revision(), Tx.Null.TEXT),
                Rows.orNull(v.ref(), Tx.Null.TEXT), Rows.orNull(v.author(), Tx.Null.TEXT),
                Rows.orNull(v.message(), Tx.Null.TEXT), v.createdAt());
    }

    /** The next version number of the component (1 for its first). */
    public int nextNumber(String componentId) {
        return (int) tx.count("SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE component_id = ?",
                componentId);
    }

    /** Newest first. */
    public List<VersionRow> versions(String componentId, int offset, int limit) {
        return tx.query(VERSION + " WHERE component_id = ? ORDER BY number DESC" + Rows.page(offset, limit),
                BuildRows::mapVersion, componentId);
    }

    public long countVersions(String componentId) {
        return tx.count("SELECT COUNT(*) FROM versions WHERE component_id = ?", componentId);
    }

    /** What the component is meant to run: a version and the revision of its deployment. */
    public record Release(String componentId, String versionId, long revision, Instant updatedAt) {
    }

    public Optional<Release> release(String componentId) {
        return tx.one("SELECT component_id, version_id, revision, updated_at FROM releases WHERE component_id = ?",
                rs -> new Release(rs.getString("component_id"), rs.getString("version_id"), rs.getLong("revision"),
                        Rows.instant(rs, "updated_at")), componentId);
    }

    /** Records the release, replacing the component's previous one. */
    public void putRelease(Release r) {
        if (tx.update("UPDATE releases SET version_id = ?, revision = ?, updated_at = ? WHERE component_id = ?",
                r.versionId(), r.revision(), r.updatedAt(), r.componentId()) == 0) {
            tx.update("INSERT INTO releases (component_id, version_id, revision, updated_at) VALUES (?, ?, ?, ?)",
                    r.componentId(), r.versionId(), r.revision(), r.updatedAt());
        }
    }

    /** The version the component runs: its release's, or its newest when it was never released. */
    public Optional<VersionRow> runnable(String componentId) {
        return release(componentId).flatMap(r -> versionById(r.versionId()))
                .or(() -> versions(componentId, 0, 1).stream().findFirst());
    }

    public Optional<VersionRow> version(String componentId, int number) {
        return tx.one(VERSION + " WHERE component_id = ? AND number = ?", BuildRows::mapVersion, componentId, number);
    }

    public Optional<VersionRow> versionById(String id) {
        return tx.one(VERSION + " WHERE id = ?", BuildRows::mapVersion, id);
    }

    /** Removes the component's builds and versions, as part of deleting it. */
    public void deleteFor(String componentId) {
        tx.update("DELETE FROM releases WHERE component_id = ?", componentId);
        tx.update("DELETE FROM versions WHERE component_id = ?", componentId);
        tx.update("DELETE FROM builds WHERE component_id = ?", componentId);
    }

    private static Build mapBuild(ResultSet rs) throws SQLException {
        return new Build(rs.getString("id"), rs.getString("component_id"), rs.getString("status"),
                rs.getString("message"), Rows.instant(rs, "created_at"), Rows.instant(rs, "finished_at"));
    }

    private static VersionRow mapVersion(ResultSet rs) throws SQLException {
        return new VersionRow(rs.getString("id"), rs.getString("component_id"), rs.getInt("number"),
                rs.getString("build_id"), rs.getString("strategy"), rs.getString("artifact"),
                rs.getString("start_command"), rs.getString("revision"), rs.getString("ref"), rs.getString("author"),
                rs.getString("message"), Rows.instant(rs, "created_at"));
    }
}
