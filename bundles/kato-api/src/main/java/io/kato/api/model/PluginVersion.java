package io.kato.api.model;

import java.time.Instant;
import java.util.List;

/**
 * A built plugin: what its plugin was when the build started, fixed. Its build log is the
 * log of event {@code eventId}.
 *
 * @param number   1, 2, … in the plugin
 * @param status   {@code building}, {@code succeeded} or {@code failed}
 * @param message  the outcome in one line
 * @param artifact the image pinned to its digest, once built
 */
public record PluginVersion(String id, String plugin, int number, String status, String message, String eventId,
                            String type, String artifact, int memoryMb, int cpuMillis, String localCommand,
                            List<PluginConfigGroup> configGroups, Instant createdAt, Instant finishedAt) {
    public static final String BUILDING = "building";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public PluginVersion {
        configGroups = configGroups == null ? List.of() : List.copyOf(configGroups);
    }
}
