package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.model.Build;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.model.Version;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Builds components made from source into versions, on the active runtime. A build is a
 * persisted job: it fetches the component's source as its source check did (same
 * credentials, host keys and certificate trust), plans the build with the first
 * {@link io.kato.api.build.BuildStrategy} that supports the component's language, and has
 * the runtime run the plan. Its event's log is the build log.
 */
@ProviderType
public interface BuildService {
    /**
     * Queues a build. Team admins and developers. A component made from an image is not
     * built: its tag is read again from the registry and the image it points to now becomes
     * the next version (pinned to its digest, the component's command kept).
     *
     * @throws io.kato.api.ConflictException when the component has no source to build, or
     *                                       no runtime is active to build on
     */
    Build build(Actor actor, String team, String component);

    Build get(Actor actor, String team, String component, String buildId);

    /**
     * Cancels a queued or running build: a queued one ends at once, a running one has its
     * step and everything it started killed and then ends {@code cancelled}; its versions
     * stay as they were.
     *
     * @throws io.kato.api.ConflictException when the build has already ended
     */
    Build cancel(Actor actor, String team, String component, String buildId);

    /** The component's versions, newest first. */
    Page<Version> versions(Actor actor, String team, String component, PageRequest page);
}
