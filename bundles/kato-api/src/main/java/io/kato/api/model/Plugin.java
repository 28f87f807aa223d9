package io.kato.api.model;

import java.time.Instant;
import java.util.List;

/**
 * A team's plugin as its owner edits it: where its image comes from, what it needs, and its
 * config groups. Building it fixes all of these into its next {@link PluginVersion}; what is
 * edited afterwards reaches components only through a later build.
 *
 * @param id            assigned by Kato
 * @param name          lower-case letters, digits and '-', unique in the team
 * @param type          the plugin type ({@code init}, {@code general}, {@code entry-network}…)
 * @param image         the image it is built from (a re-tag), or null when built from {@code repository}
 * @param repository    a git repository whose Dockerfile builds it, or null when it is an image
 * @param branch        the repository's branch (default {@code main})
 * @param credential    the team credential that logs in to the registry or repository, or null
 * @param insecure      the registry speaks plain http or has a certificate no one signed
 * @param memoryMb      the least memory it runs with
 * @param cpuMillis     the CPU it asks for, in millicores
 * @param localCommand  a shell command that stands in for the image on runtimes that run
 *                      processes rather than images (init and general plugins), or null
 * @param description   free text
 * @param configGroups  the variables it takes
 * @param typeAvailable whether a bundle of its type is installed now
 */
public record Plugin(String id, String name, String type, String image, String repository, String branch,
                     String credential, Boolean insecure, Integer memoryMb, Integer cpuMillis, String localCommand,
                     String description, List<PluginConfigGroup> configGroups, Boolean typeAvailable,
                     Instant createdAt, Instant updatedAt) {
    public Plugin {
        configGroups = configGroups == null ? List.of() : List.copyOf(configGroups);
    }
}
