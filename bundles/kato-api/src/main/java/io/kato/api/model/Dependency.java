package io.kato.api.model;

import java.util.List;

/**
 * A component this one depends on. Its connection information (its env vars of scope
 * {@code connection}, and {@code <ALIAS>_HOST}/{@code <ALIAS>_PORT} of each inner port)
 * reaches this one's instances at their next start, restart or upgrade.
 *
 * @param component  the dependency's name, in the same team
 * @param app        its app
 * @param sourceKind what it is ({@code third_party} for a service outside the platform)
 * @param connection the names of the env vars it passes on (values stay with it: some are secret)
 */
public record Dependency(String component, String app, SourceKind sourceKind, List<String> connection) {
    public Dependency {
        connection = connection == null ? List.of() : List.copyOf(connection);
    }
}
