package io.kato.store;

import io.kato.api.model.Autoscaling;
import io.kato.api.model.Volume;
import io.kato.api.model.VolumeType;
import io.kato.api.model.WireEnum;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A component's volumes and config files ({@code component_volumes}) and its autoscaling rule. */
public final class ComponentSpecRows {
    private final Tx tx;

    public ComponentSpecRows(Tx tx) {
        this.tx = tx;
    }

    /** The component's volumes, by name. */
    public List<Volume> volumes(String componentId) {
        return tx.query("SELECT name, type, path, size_mb, content FROM component_volumes WHERE component_id = ?"
                + " ORDER BY name", rs -> {
                    int size = rs.getInt("size_mb");
                    return new Volume(rs.getString("name"), WireEnum.parse(VolumeType.class, rs.getString("type")),
                            rs.getString("path"), rs.wasNull() ? null : size, rs.getString("content"));
                }, componentId);
    }

    /** Adds the volume, or replaces the one of the same name. */
    public void putVolume(String componentId, Volume v, Instant at) {
        removeVolume(componentId, v.name());
        tx.update("INSERT INTO component_volumes (component_id, name, type, path, size_mb, content, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", componentId, v.name(), WireEnum.name(v.type()), v.path(),
                Rows.orNull(v.sizeMb(), Tx.Null.INTEGER), Rows.orNull(v.content(), Tx.Null.TEXT), at);
    }

    /** @return whether there was one */
    public boolean removeVolume(String componentId, String name) {
        return tx.update("DELETE FROM component_volumes WHERE component_id = ? AND name = ?", componentId, name) == 1;
    }

    public Optional<Autoscaling> autoscaling(String componentId) {
        return tx.one("SELECT min_instances, max_instances, metric, target FROM component_autoscaling"
                        + " WHERE component_id = ?", rs -> new Autoscaling(rs.getInt(1), rs.getInt(2),
                        WireEnum.parse(Autoscaling.Metric.class, rs.getString(3)), rs.getInt(4)), componentId);
    }

    /** Sets the rule; null removes it. */
    public void putAutoscaling(String componentId, Autoscaling a, Instant at) {
        tx.update("DELETE FROM component_autoscaling WHERE component_id = ?", componentId);
        if (a != null) {
            tx.update("INSERT INTO component_autoscaling (component_id, min_instances, max_instances, metric, target,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?)", componentId, a.minInstances(),
                    a.maxInstances(), WireEnum.name(a.metric()), a.target(), at);
        }
    }
}
