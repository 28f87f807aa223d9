package io.kato.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of {@code component_dependencies} and {@code dependency_env}. */
public final class DependencyRows {
    private final Tx tx;

    public DependencyRows(Tx tx) {
        this.tx = tx;
    }

    /** One edge: {@code componentId} depends on {@code dependsOnId}. */
    public record Edge(String componentId, String dependsOnId) {
    }

    /** The connection information a dependent received: sealed JSON and its fingerprint. */
    public record Received(String componentId, String envSealed, String fingerprint, Instant receivedAt) {
    }

    /** @return false when the edge was there already */
    public boolean add(String componentId, String dependsOnId, Instant at) {
        if (tx.count("SELECT COUNT(*) FROM component_dependencies WHERE component_id = ? AND depends_on_id = ?",
                componentId, dependsOnId) > 0) {
            return false;
        }
        tx.update("INSERT INTO component_dependencies (component_id, depends_on_id, created_at) VALUES (?, ?, ?)",
                componentId, dependsOnId, at);
        return true;
    }

    public boolean remove(String componentId, String dependsOnId) {
        return tx.update("DELETE FROM component_dependencies WHERE component_id = ? AND depends_on_id = ?",
                componentId, dependsOnId) == 1;
    }

    /** What the component depends on (ids). */
    public List<String> dependencies(String componentId) {
        return tx.query("SELECT depends_on_id FROM component_dependencies WHERE component_id = ?"
                + " ORDER BY depends_on_id", rs -> rs.getString(1), componentId);
    }

    /** The components that depend on this one (ids). */
    public List<String> dependents(String componentId) {
        return tx.query("SELECT component_id FROM component_dependencies WHERE depends_on_id = ?"
                + " ORDER BY component_id", rs -> rs.getString(1), componentId);
    }

    /** Every edge among the team's components, for cycle checks and topologies. */
    public List<Edge> edges(String teamId) {
        return tx.query("SELECT d.component_id, d.depends_on_id FROM component_dependencies d"
                + " JOIN components c ON c.id = d.component_id WHERE c.team_id = ?"
                + " ORDER BY d.component_id, d.depends_on_id", rs -> new Edge(rs.getString(1), rs.getString(2)),
                teamId);
    }

    /** Drops the component's edges both ways and what it received (the component goes). */
    public void deleteFor(String componentId) {
        tx.update("DELETE FROM component_dependencies WHERE component_id = ? OR depends_on_id = ?", componentId,
                componentId);
        tx.update("DELETE FROM dependency_env WHERE component_id = ?", componentId);
    }

    public Optional<Received> received(String componentId) {
        return tx.one("SELECT component_id, env_sealed, fingerprint, received_at FROM dependency_env"
                + " WHERE component_id = ?", rs -> new Received(rs.getString(1), rs.getString(2), rs.getString(3),
                Rows.instant(rs, "received_at")), componentId);
    }

    public void putReceived(Received r) {
        if (tx.update("UPDATE dependency_env SET env_sealed = ?, fingerprint = ?, received_at = ? WHERE component_id = ?",
                r.envSealed(), r.fingerprint(), r.receivedAt(), r.componentId()) == 0) {
            tx.update("INSERT INTO dependency_env (component_id, env_sealed, fingerprint, received_at)"
                    + " VALUES (?, ?, ?, ?)", r.componentId(), r.envSealed(), r.fingerprint(), r.receivedAt());
        }
    }
}
