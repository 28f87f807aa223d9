package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.model.Dependency;
import io.kato.api.model.Dependent;
import io.kato.api.model.Topology;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Dependencies between a team's components (in-platform and third-party alike), and an
 * app's topology. A dependent receives its dependencies' connection information at each
 * start, restart and upgrade, and starts once they are ready. Reading needs a team role;
 * changing, admin or developer.
 */
@ProviderType
public interface DependencyService {
    /** What the component depends on, by name. */
    List<Dependency> dependencies(Actor actor, String team, String component);

    /**
     * Makes {@code component} depend on {@code dependency}; nothing changes if it does already.
     *
     * @throws io.kato.api.ValidationException when it would depend on itself, or the
     *         dependency would close a cycle (the cycle is named)
     * @throws io.kato.api.NotFoundException   when either component does not exist
     */
    Dependency add(Actor actor, String team, String component, String dependency);

    /** @throws io.kato.api.NotFoundException when it does not depend on it */
    void remove(Actor actor, String team, String component, String dependency);

    /** The components that depend on this one, by name, with whether each runs with stale connection information. */
    List<Dependent> dependents(Actor actor, String team, String component);

    /** The app's components, what they depend on, and the states of all of them. */
    Topology topology(Actor actor, String team, String app);
}
