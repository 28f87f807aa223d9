package io.kato.api.model;

import java.time.Instant;
import java.util.List;

/**
 * One deployable service and its desired state. Ports and env vars belong to the component:
 * changing any of them moves the component to its next {@code version}. {@code source} says
 * where its code comes from (null for components not made from source).
 */
public record Component(String id, String teamId, String appId, String appName, String name, String displayName,
                        SourceKind sourceKind, String language, ComponentSource source, int instances, int memoryMb,
                        DeployType deployType, boolean desiredRunning, List<Port> ports, List<EnvVar> env,
                        long version, Instant createdAt, Instant updatedAt) {
    public Component {
        ports = List.copyOf(ports);
        env = List.copyOf(env);
    }

    /** The same component with other ports and env vars. */
    public Component withPortsAndEnv(List<Port> newPorts, List<EnvVar> newEnv) {
        return new Component(id, teamId, appId, appName, name, displayName, sourceKind, language, source, instances,
                memoryMb, deployType, desiredRunning, newPorts, newEnv, version, createdAt, updatedAt);
    }

    /** The same component, wanted running or not. */
    public Component running(boolean wanted) {
        return new Component(id, teamId, appId, appName, name, displayName, sourceKind, language, source, instances,
                memoryMb, deployType, wanted, ports, env, version, createdAt, updatedAt);
    }

    /** The same component with another instance count and memory per instance. */
    public Component scaled(int newInstances, int newMemoryMb) {
        return new Component(id, teamId, appId, appName, name, displayName, sourceKind, language, source, newInstances,
                newMemoryMb, deployType, desiredRunning, ports, env, version, createdAt, updatedAt);
    }

    /** The same component at another version. */
    public Component atVersion(long newVersion, Instant at) {
        return new Component(id, teamId, appId, appName, name, displayName, sourceKind, language, source, instances,
                memoryMb, deployType, desiredRunning, ports, env, newVersion, createdAt, at);
    }

    /** The same component with secret values masked. */
    public Component masked() {
        return withPortsAndEnv(ports, env.stream().map(EnvVar::masked).toList());
    }
}
