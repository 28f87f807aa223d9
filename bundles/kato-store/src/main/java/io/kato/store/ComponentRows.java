package io.kato.store;

import io.kato.api.model.Component;
import io.kato.api.model.ComponentSource;
import io.kato.api.model.DeployType;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.SourceKind;
import io.kato.api.model.WireEnum;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Rows of {@code components} with their ports and env vars. Env values are stored as
 * given: the core encrypts secret ones before they get here.
 */
public final class ComponentRows {
    private static final String SELECT = "SELECT c.id, c.team_id, c.app_id, a.name AS app_name, c.name, c.display_name,"
            + " c.source_kind, c.language, c.instances, c.memory_mb, c.deploy_type, c.desired_running, c.version,"
            + " c.created_at, c.updated_at, c.src_kind, c.src_url, c.src_ref, c.src_subdir, c.src_check_id"
            + " FROM components c JOIN apps a ON a.id = c.app_id";
    private final Tx tx;

    public ComponentRows(Tx tx) {
        this.tx = tx;
    }

    public void insert(Component c) {
        ComponentSource src = c.source();
        tx.update("INSERT INTO components (id, team_id, app_id, name, display_name, source_kind, language, instances,"
                        + " memory_mb, deploy_type, desired_running, version, created_at, updated_at, src_kind, src_url,"
                        + " src_ref, src_subdir, src_check_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.id(), c.teamId(), c.appId(), c.name(), c.displayName(), WireEnum.name(c.sourceKind()),
                Rows.orNull(c.language(), Tx.Null.TEXT), c.instances(), c.memoryMb(), WireEnum.name(c.deployType()),
                c.desiredRunning(), c.version(), c.createdAt(), c.updatedAt(),
                Rows.orNull(src == null ? null : src.kind(), Tx.Null.TEXT),
                Rows.orNull(src == null ? null : src.url(), Tx.Null.TEXT),
                Rows.orNull(src == null ? null : src.ref(), Tx.Null.TEXT),
                Rows.orNull(src == null ? null : src.subdir(), Tx.Null.TEXT),
                Rows.orNull(src == null ? null : src.checkId(), Tx.Null.TEXT));
        writeChildren(c);
    }

    public Optional<Component> byName(String teamId, String name) {
        return tx.one(SELECT + " WHERE c.team_id = ? AND c.name = ?", this::map, teamId, name);
    }

    public Optional<Component> byId(String id) {
        return tx.one(SELECT + " WHERE c.id = ?", this::map, id);
    }

    public List<Component> list(String teamId, int offset, int limit) {
        return tx.query(SELECT + " WHERE c.team_id = ? ORDER BY c.name" + Rows.page(offset, limit), this::map, teamId);
    }

    /** Every component of every team, for the reconciler. */
    public List<Component> all(int offset, int limit) {
        return tx.query(SELECT + " ORDER BY c.id" + Rows.page(offset, limit), this::map);
    }

    public long count(String teamId) {
        return tx.count("SELECT COUNT(*) FROM components WHERE team_id = ?", teamId);
    }

    public long countInApp(String appId) {
        return tx.count("SELECT COUNT(*) FROM components WHERE app_id = ?", appId);
    }

    /**
     * Compare-and-set of the whole component: the row moves to {@code c.version()} only if it
     * is still at {@code expectedVersion}; ports and env are then replaced by the given ones.
     * The source is set at creation and never changes.
     */
    public boolean update(Component c, long expectedVersion) {
        int rows = tx.update("UPDATE components SET display_name = ?, language = ?, instances = ?, memory_mb = ?,"
                        + " deploy_type = ?, desired_running = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
                c.displayName(), Rows.orNull(c.language(), Tx.Null.TEXT), c.instances(), c.memoryMb(),
                WireEnum.name(c.deployType()), c.desiredRunning(), c.version(), c.updatedAt(), c.id(), expectedVersion);
        if (rows != 1) {
            return false;
        }
        deleteChildren(c.id());
        writeChildren(c);
        return true;
    }

    /** Locks the component's row until the transaction ends (a no-op write), to serialise operations on it. */
    public void lock(String id) {
        tx.update("UPDATE components SET version = version WHERE id = ?", id);
    }

    /** The team's components that are wanted running. */
    public long countRunning(String teamId) {
        return tx.count("SELECT COUNT(*) FROM components WHERE team_id = ? AND desired_running = ?", teamId, true);
    }

    /** Components, in any team, whose source is this one (an archive id is unique across teams). */
    public long countBySource(String kind, String url) {
        return tx.count("SELECT COUNT(*) FROM components WHERE src_kind = ? AND src_url = ?", kind, url);
    }

    /**
     * Deletes the component and its children, and notes it for the runtime to drop what it
     * still holds (volumes): see {@link #pendingPurges}.
     */
    public boolean delete(String id, long expectedVersion) {
        deleteChildren(id);
        for (String table : List.of("component_probes", "component_volumes", "component_autoscaling",
                "component_plugins")) {
            tx.update("DELETE FROM " + table + " WHERE component_id = ?", id);
        }
        new BuildRows(tx).deleteFor(id);
        new DependencyRows(tx).deleteFor(id);
        new ThirdPartyRows(tx).deleteFor(id);
        if (tx.update("DELETE FROM components WHERE id = ? AND version = ?", id, expectedVersion) != 1) {
            return false;
        }
        tx.update("INSERT INTO component_purges (component_id, deleted_at) VALUES (?, ?)", id, java.time.Instant.now());
        return true;
    }

    /** Deleted components whose runtime data is not dropped yet, oldest first. */
    public List<String> pendingPurges(int limit) {
        return tx.query("SELECT component_id FROM component_purges ORDER BY deleted_at" + Rows.page(0, limit),
                rs -> rs.getString(1));
    }

    /** The runtime dropped what it held for the deleted component. */
    public void purged(String id) {
        tx.update("DELETE FROM component_purges WHERE component_id = ?", id);
    }

    /** The component's probes as stored (a JSON array), or null when it has none. */
    public String probes(String id) {
        return tx.one("SELECT probes FROM component_probes WHERE component_id = ?", rs -> rs.getString(1), id)
                .orElse(null);
    }

    /** Replaces the component's probes; null or an empty array removes them. */
    public void putProbes(String id, String probesJson, java.time.Instant at) {
        tx.update("DELETE FROM component_probes WHERE component_id = ?", id);
        if (probesJson != null && !probesJson.equals("[]")) {
            tx.update("INSERT INTO component_probes (component_id, probes, updated_at) VALUES (?, ?, ?)", id,
                    probesJson, at);
        }
    }

    /** The ports and env vars, which {@link #update} rewrites; the component's other children stay. */
    private void deleteChildren(String id) {
        tx.update("DELETE FROM component_ports WHERE component_id = ?", id);
        tx.update("DELETE FROM component_env WHERE component_id = ?", id);
    }

    private void writeChildren(Component c) {
        for (Port p : c.ports()) {
            tx.update("INSERT INTO component_ports (component_id, port, protocol, alias, inner_open, outer_open)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    c.id(), p.port(), WireEnum.name(p.protocol()), p.alias(), p.inner(), p.outer());
        }
        for (EnvVar e : c.env()) {
            tx.update("INSERT INTO component_env (component_id, name, value, scope, secret) VALUES (?, ?, ?, ?, ?)",
                    c.id(), e.name(), e.value(), WireEnum.name(e.scope()), e.secret());
        }
    }

    private Component map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        List<Port> ports = tx.query("SELECT port, protocol, alias, inner_open, outer_open FROM component_ports"
                + " WHERE component_id = ? ORDER BY port", r -> new Port(r.getInt("port"),
                WireEnum.parse(Protocol.class, r.getString("protocol")), r.getString("alias"),
                r.getBoolean("inner_open"), r.getBoolean("outer_open")), id);
        List<EnvVar> env = tx.query("SELECT name, value, scope, secret FROM component_env WHERE component_id = ?"
                + " ORDER BY name", r -> new EnvVar(r.getString("name"), r.getString("value"),
                WireEnum.parse(EnvScope.class, r.getString("scope")), r.getBoolean("secret")), id);
        return new Component(id, rs.getString("team_id"), rs.getString("app_id"), rs.getString("app_name"),
                rs.getString("name"), rs.getString("display_name"),
                WireEnum.parse(SourceKind.class, rs.getString("source_kind")), rs.getString("language"),
                rs.getString("src_url") == null ? null : new ComponentSource(rs.getString("src_kind"),
                        rs.getString("src_url"), rs.getString("src_ref"), rs.getString("src_subdir"),
                        rs.getString("src_check_id")),
                rs.getInt("instances"), rs.getInt("memory_mb"),
                WireEnum.parse(DeployType.class, rs.getString("deploy_type")), rs.getBoolean("desired_running"),
                ports, env, rs.getLong("version"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
