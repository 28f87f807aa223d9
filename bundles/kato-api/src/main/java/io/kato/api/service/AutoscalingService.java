package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.model.Autoscaling;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A component's autoscaling rule. Runtimes that measure load apply it (kubernetes, as a
 * HorizontalPodAutoscaler); the local runtime keeps the component's instance count.
 * Reading needs a team role; changing, admin or developer.
 */
@ProviderType
public interface AutoscalingService {
    Optional<Autoscaling> get(Actor actor, String team, String component);

    /**
     * Sets the rule. Bounds: 1 ≤ min ≤ max ≤ 100; target 1 to 64000 millicores for
     * {@code cpu}, 1 MB up to the component's memory per instance for {@code memory}.
     *
     * @throws io.kato.api.ValidationException naming the field out of bounds
     */
    Autoscaling set(Actor actor, String team, String component, Autoscaling rule);

    /** Removes the rule: the component runs its instance count again. Does nothing when it has none. */
    void clear(Actor actor, String team, String component);
}
