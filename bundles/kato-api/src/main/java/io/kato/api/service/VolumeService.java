package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.model.Volume;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A component's volumes and config files. Changes reach instances as the runtime applies
 * them: on the kubernetes runtime at the next reconcile pass (a rolling update), on the
 * local runtime at the next start, restart or upgrade. A volume's data stays when the
 * component stops and goes when the volume is removed or the component deleted.
 * Reading needs a team role; changing, admin or developer.
 */
@ProviderType
public interface VolumeService {
    List<Volume> list(Actor actor, String team, String component);

    /**
     * Adds the volume, or replaces the one with the same name. Defaults: 1024 MB for
     * {@code share_file} and {@code local}, 64 MB for {@code memory}.
     *
     * @throws io.kato.api.ValidationException naming the field that is wrong: a path that
     *         is not absolute or is taken by another volume, content on a volume or none on
     *         a config file, a {@code local} volume on a stateless component
     */
    Volume put(Actor actor, String team, String component, Volume volume);

    /** @throws io.kato.api.NotFoundException when the component has no volume of that name */
    void remove(Actor actor, String team, String component, String name);
}
