package io.kato.api.model;

import java.time.Instant;
import java.util.List;

/**
 * An immutable, numbered result of a successful build: what was built, from which
 * revision, and how it starts. Running a component means running one of its versions.
 *
 * @param number       1 for the component's first version, then counting up
 * @param buildId      the build (and its event) that produced it
 * @param strategy     the build strategy that planned it ({@code npm}, {@code static}…)
 * @param artifact     where the runtime keeps the built artifact
 * @param startCommand argv an instance starts with (empty when the platform serves it, as
 *                     for static files)
 * @param revision     the commit or revision built, with its branch, author and message
 */
public record Version(String id, String componentId, int number, String buildId, String strategy, String artifact,
                      List<String> startCommand, String revision, String ref, String author, String message,
                      Instant createdAt) {
    public Version {
        startCommand = startCommand == null ? List.of() : List.copyOf(startCommand);
    }
}
