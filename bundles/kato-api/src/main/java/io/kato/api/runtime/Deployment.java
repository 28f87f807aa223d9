package io.kato.api.runtime;

import io.kato.api.build.ProbeSpec;
import io.kato.api.model.DeployType;
import io.kato.api.model.Port;
import java.util.List;
import java.util.Map;

/**
 * The desired state of one component as the runtime must realise it.
 *
 * @param componentId  the component
 * @param name         DNS-1123 name, unique in the team
 * @param team         the team's name
 * @param versionId    the version to run
 * @param artifact     where the runtime finds it (what {@link Runtime#build} returned, or an image)
 * @param startCommand argv of the main process
 * @param running      false: keep nothing running
 * @param instances    how many
 * @param memoryMb     memory per instance
 * @param deployType   stateless or stateful
 * @param ports        ports to expose
 * @param env          runtime env, secrets decrypted
 * @param probes       health probes; a runtime probes readiness by a TCP connect to the
 *                     first port when none is given
 * @param revision     counts the component's restarts, upgrades and rollbacks: instances
 *                     of another version or revision are replaced, rolling (a new one
 *                     ready before an old one stops)
 */
public record Deployment(String componentId, String name, String team, String versionId, String artifact,
                         List<String> startCommand, boolean running, int instances, int memoryMb,
                         DeployType deployType, List<Port> ports, Map<String, String> env, List<ProbeSpec> probes, long revision) {
    /** A deployment at revision 0. */
    public Deployment(String componentId, String name, String team, String versionId, String artifact,
                      List<String> startCommand, boolean running, int instances, int memoryMb, DeployType deployType,
                      List<Port> ports, Map<String, String> env, List<ProbeSpec> probes) {
        this(componentId, name, team, versionId, artifact, startCommand, running, instances, memoryMb, deployType,
                ports, env, probes, 0);
    }

    public Deployment {
        startCommand = List.copyOf(startCommand);
        ports = List.copyOf(ports);
        env = Map.copyOf(env);
        probes = List.copyOf(probes);
    }
}
