package io.kato.api.model;

import java.time.Instant;
import java.util.List;

/**
 * One deployable service and its desired state. Ports and env vars belong to the component:
 * changing any of them moves the component to its next {@code version}.
 */
public record Component(String id, String teamId, String appId, String appName, String name, String displayName,
                        SourceKind sourceKind, String language, int instances, int memoryMb,
                        DeployType deployType, boolean desiredRunning, List<Port> ports, List<EnvVar> env,
                        long version, Instant createdAt, Instant updatedAt) {
    public Component {
        ports = List.copyOf(ports);
        env = List.copyOf(env);
    }
}
