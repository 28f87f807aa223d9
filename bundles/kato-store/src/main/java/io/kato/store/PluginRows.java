package io.kato.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rows of {@code plugins}, {@code plugin_versions} and {@code component_plugins}. Config
 * groups and installation values are the caller's JSON.
 */
public final class PluginRows {
    private static final String PLUGIN = "SELECT id, team_id, name, type, image, repository, branch, credential,"
            + " insecure, memory_mb, cpu_millis, local_command, description, config, created_at, updated_at"
            + " FROM plugins";
    private static final String VERSION = "SELECT id, plugin_id, number, status, message, event_id, type, source,"
            + " artifact, memory_mb, cpu_millis, local_command, config, created_at, finished_at FROM plugin_versions";
    private static final String INSTALL = "SELECT component_id, plugin_id, version, enabled, memory_mb,"
            + " config_values, token_sealed, updated_at FROM component_plugins";
    private final Tx tx;

    public PluginRows(Tx tx) {
        this.tx = tx;
    }

    /** A plugin as its owner edits it. */
    public record PluginRow(String id, String teamId, String name, String type, String image, String repository,
                            String branch, String credential, boolean insecure, int memoryMb, int cpuMillis,
                            String localCommand, String description, String configJson, Instant createdAt,
                            Instant updatedAt) {
    }

    /** A version: what a build fixed; {@code source} is what it was built from, for its log and audit. */
    public record VersionRow(String id, String pluginId, int number, String status, String message, String eventId,
                             String type, String source, String artifact, int memoryMb, int cpuMillis,
                             String localCommand, String configJson, Instant createdAt, Instant finishedAt) {
    }

    /** A plugin installed on a component; the token is the discovery endpoint's, sealed. */
    public record InstallRow(String componentId, String pluginId, int version, boolean enabled, int memoryMb,
                             String valuesJson, String tokenSealed, Instant updatedAt) {
    }

    public void insert(PluginRow p) {
        tx.update("INSERT INTO plugins (id, team_id, name, type, image, repository, branch, credential, insecure,"
                        + " memory_mb, cpu_millis, local_command, description, config, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(), p.teamId(), p.name(), p.type(), text(p.image()), text(p.repository()), text(p.branch()),
                text(p.credential()), p.insecure(), p.memoryMb(), p.cpuMillis(), text(p.localCommand()),
                text(p.description()), p.configJson(), p.createdAt(), p.updatedAt());
    }

    /** Replaces all but the id, team, name, type and creation time. */
    public void update(PluginRow p) {
        tx.update("UPDATE plugins SET image = ?, repository = ?, branch = ?, credential = ?, insecure = ?,"
                        + " memory_mb = ?, cpu_millis = ?, local_command = ?, description = ?, config = ?,"
                        + " updated_at = ? WHERE id = ?",
                text(p.image()), text(p.repository()), text(p.branch()), text(p.credential()), p.insecure(),
                p.memoryMb(), p.cpuMillis(), text(p.localCommand()), text(p.description()), p.configJson(),
                p.updatedAt(), p.id());
    }

    public Optional<PluginRow> byName(String teamId, String name) {
        return tx.one(PLUGIN + " WHERE team_id = ? AND name = ?", PluginRows::plugin, teamId, name);
    }

    public Optional<PluginRow> byId(String id) {
        return tx.one(PLUGIN + " WHERE id = ?", PluginRows::plugin, id);
    }

    public List<PluginRow> list(String teamId) {
        return tx.query(PLUGIN + " WHERE team_id = ? ORDER BY name", PluginRows::plugin, teamId);
    }

    /** Locks the plugin's row until the transaction ends: builds of one plugin are numbered one at a time. */
    public void lock(String id) {
        tx.update("UPDATE plugins SET updated_at = updated_at WHERE id = ?", id);
    }

    /** Deletes the plugin and its versions; the caller made sure nothing has it installed. */
    public void delete(String id) {
        tx.update("DELETE FROM plugin_versions WHERE plugin_id = ?", id);
        tx.update("DELETE FROM plugins WHERE id = ?", id);
    }

    public void insertVersion(VersionRow v) {
        tx.update("INSERT INTO plugin_versions (id, plugin_id, number, status, message, event_id, type, source,"
                        + " artifact, memory_mb, cpu_millis, local_command, config, created_at, finished_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.id(), v.pluginId(), v.number(), v.status(), v.message(), v.eventId(), v.type(), v.source(),
                text(v.artifact()), v.memoryMb(), v.cpuMillis(), text(v.localCommand()), v.configJson(),
                v.createdAt(), Rows.orNull(v.finishedAt(), Tx.Null.TIMESTAMP));
    }

    /** Newest first. */
    public List<VersionRow> versions(String pluginId) {
        return tx.query(VERSION + " WHERE plugin_id = ? ORDER BY number DESC", PluginRows::version, pluginId);
    }

    public Optional<VersionRow> version(String pluginId, int number) {
        return tx.one(VERSION + " WHERE plugin_id = ? AND number = ?", PluginRows::version, pluginId, number);
    }

    public Optional<VersionRow> versionById(String id) {
        return tx.one(VERSION + " WHERE id = ?", PluginRows::version, id);
    }

    public int lastNumber(String pluginId) {
        return (int) tx.count("SELECT COALESCE(MAX(number), 0) FROM plugin_versions WHERE plugin_id = ?", pluginId);
    }

    /** Ends a build: false when it had ended already. */
    public boolean finishVersion(String id, String status, String message, String artifact, Instant at) {
        String m = message.length() <= 2000 ? message : message.substring(0, 1999) + "…";
        return tx.update("UPDATE plugin_versions SET status = ?, message = ?, artifact = ?, finished_at = ?"
                + " WHERE id = ? AND status = 'building'", status, m, text(artifact), at, id) == 1;
    }

    public List<InstallRow> installs(String componentId) {
        return tx.query(INSTALL + " WHERE component_id = ? ORDER BY plugin_id", PluginRows::install, componentId);
    }

    /** The components with an enabled installation: the few whose gateway route may carry a plugin's part. */
    public java.util.Set<String> componentsWithEnabledInstalls() {
        return new java.util.HashSet<>(tx.query("SELECT DISTINCT component_id FROM component_plugins WHERE enabled = ?",
                r -> r.getString(1), true));
    }

    public long countInstalls(String pluginId) {
        return tx.count("SELECT COUNT(*) FROM component_plugins WHERE plugin_id = ?", pluginId);
    }

    /** Adds the installation or replaces the component's installation of the same plugin. */
    public void putInstall(InstallRow i) {
        removeInstall(i.componentId(), i.pluginId());
        tx.update("INSERT INTO component_plugins (component_id, plugin_id, version, enabled, memory_mb, config_values,"
                        + " token_sealed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                i.componentId(), i.pluginId(), i.version(), i.enabled(), i.memoryMb(), i.valuesJson(),
                i.tokenSealed(), i.updatedAt());
    }

    public boolean removeInstall(String componentId, String pluginId) {
        return tx.update("DELETE FROM component_plugins WHERE component_id = ? AND plugin_id = ?", componentId,
                pluginId) == 1;
    }

    private static Object text(String value) {
        return Rows.orNull(value, Tx.Null.TEXT);
    }

    private static PluginRow plugin(ResultSet rs) throws SQLException {
        return new PluginRow(rs.getString("id"), rs.getString("team_id"), rs.getString("name"), rs.getString("type"),
                rs.getString("image"), rs.getString("repository"), rs.getString("branch"), rs.getString("credential"),
                rs.getBoolean("insecure"), rs.getInt("memory_mb"), rs.getInt("cpu_millis"),
                rs.getString("local_command"), rs.getString("description"), rs.getString("config"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }

    private static VersionRow version(ResultSet rs) throws SQLException {
        return new VersionRow(rs.getString("id"), rs.getString("plugin_id"), rs.getInt("number"),
                rs.getString("status"), rs.getString("message"), rs.getString("event_id"), rs.getString("type"),
                rs.getString("source"), rs.getString("artifact"), rs.getInt("memory_mb"), rs.getInt("cpu_millis"),
                rs.getString("local_command"), rs.getString("config"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "finished_at"));
    }

    private static InstallRow install(ResultSet rs) throws SQLException {
        return new InstallRow(rs.getString("component_id"), rs.getString("plugin_id"), rs.getInt("version"),
                rs.getBoolean("enabled"), rs.getInt("memory_mb"), rs.getString("config_values"),
                rs.getString("token_sealed"), Rows.instant(rs, "updated_at"));
    }
}
