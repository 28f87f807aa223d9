package io.kato.api.runtime;

import io.kato.api.build.ProbeSpec;
import io.kato.api.model.Autoscaling;
import io.kato.api.model.DeployType;
import io.kato.api.model.Port;
import io.kato.api.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * @param secretEnv    the names in {@code env} whose values are secret (a runtime keeps
 *                     them apart from plain values where it can)
 * @param volumes      storage and config files the instances see; a runtime keeps a
 *                     volume's data when the component stops ({@link Runtime#remove}) and
 *                     drops it only with the component ({@link Runtime#purge})
 * @param autoscaling  the instance range to keep by load, or null for exactly {@code instances}
 * @param routes       where users reach the component from outside, for runtimes whose
 *                     own edge routes them (a cluster's ingress); Kato's gateway does not need them
 * @param plugins      what runs beside each instance (sidecars) or before it starts (init),
 *                     in the order given; a change rolls the instances like a new revision
 */
public record Deployment(String componentId, String name, String team, String versionId, String artifact,
                         List<String> startCommand, boolean running, int instances, int memoryMb,
                         DeployType deployType, List<Port> ports, Map<String, String> env, List<ProbeSpec> probes,
                         long revision, Set<String> secretEnv, List<Volume> volumes, Autoscaling autoscaling,
                         List<Route> routes, List<Plugin> plugins) {
    /** A deployment without plugins. */
    public Deployment(String componentId, String name, String team, String versionId, String artifact,
                      List<String> startCommand, boolean running, int instances, int memoryMb, DeployType deployType,
                      List<Port> ports, Map<String, String> env, List<ProbeSpec> probes, long revision,
                      Set<String> secretEnv, List<Volume> volumes, Autoscaling autoscaling, List<Route> routes) {
        this(componentId, name, team, versionId, artifact, startCommand, running, instances, memoryMb, deployType,
                ports, env, probes, revision, secretEnv, volumes, autoscaling, routes, List.of());
    }

    /** A deployment with no secrets, volumes, autoscaling or routes. */
    public Deployment(String componentId, String name, String team, String versionId, String artifact,
                      List<String> startCommand, boolean running, int instances, int memoryMb, DeployType deployType,
                      List<Port> ports, Map<String, String> env, List<ProbeSpec> probes, long revision) {
        this(componentId, name, team, versionId, artifact, startCommand, running, instances, memoryMb, deployType,
                ports, env, probes, revision, Set.of(), List.of(), null, List.of());
    }

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
        secretEnv = Set.copyOf(secretEnv);
        volumes = List.copyOf(volumes);
        routes = List.copyOf(routes);
        plugins = List.copyOf(plugins);
    }

    /** The same deployment with these secret names, volumes, autoscaling rule and routes. */
    public Deployment with(Set<String> newSecretEnv, List<Volume> newVolumes, Autoscaling newAutoscaling,
                           List<Route> newRoutes) {
        return new Deployment(componentId, name, team, versionId, artifact, startCommand, running, instances,
                memoryMb, deployType, ports, env, probes, revision, newSecretEnv, newVolumes, newAutoscaling,
                newRoutes, plugins);
    }

    /** The same deployment with these plugins. */
    public Deployment withPlugins(List<Plugin> newPlugins) {
        return new Deployment(componentId, name, team, versionId, artifact, startCommand, running, instances,
                memoryMb, deployType, ports, env, probes, revision, secretEnv, volumes, autoscaling, routes,
                newPlugins);
    }

    /** Never shows env values or keys: a deployment may end up in a log line. */
    @Override
    public String toString() {
        return "Deployment[" + name + " of " + team + ", version " + versionId + ", revision " + revision
                + (running ? ", " + instances + " running" : ", stopped") + "]";
    }

    /**
     * One way in from outside: requests for {@code host} whose path starts with {@code path}
     * go to {@code port}, for this component's {@code weight} percent of them (the others
     * going to the rule's other components); {@code headers}, when given, must all match.
     *
     * @param primary        this component takes what the host and path's other components
     *                       do not (the heaviest of them, the first on a tie)
     * @param certificatePem the host's certificate chain (PEM) when it is served over TLS, else null
     * @param keyPem         its private key (PKCS#8 PEM), in the clear
     */
    public record Route(String host, String path, int port, int weight, boolean primary, Map<String, String> headers,
                        String certificatePem, String keyPem) {
        public Route {
            headers = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(headers)); // shown sorted
        }

        @Override
        public String toString() {
            return "Route[" + host + path + " -> " + port + " (" + weight + "%)" + (keyPem == null ? "" : ", tls") + "]";
        }
    }

    /**
     * A plugin installed on the component, ready to run. It shares the instance's network and
     * volumes (on the local runtime: its folders, in {@code KATO_VOLUME_<NAME>}).
     *
     * @param name         the plugin's name, unique in the deployment
     * @param init         runs to completion before each instance starts; otherwise it runs
     *                     beside the instance for as long as the instance does
     * @param image        its image, pinned to a digest, or null when it has none (it runs only as its
     *                     local command, or the gateway does its work): runtimes that run images skip it
     * @param localCommand a shell command standing in for the image on runtimes that run
     *                     processes, or null (such a runtime then cannot run it)
     * @param memoryMb     its memory
     * @param cpuMillis    the CPU it asks for, in millicores
     * @param env          its whole env: the component's (shared scope), its own on top,
     *                     {@code KATO_DISCOVERY_URL} and {@code KATO_DISCOVERY_TOKEN}
     * @param args         arguments after the image's entrypoint (empty: the image's own)
     * @param secretEnv    the names in {@code env} whose values are secret
     */
    public record Plugin(String name, boolean init, String image, String localCommand, int memoryMb, int cpuMillis,
                         Map<String, String> env, List<String> args, Set<String> secretEnv) {
        public Plugin {
            env = Map.copyOf(env);
            args = List.copyOf(args);
            secretEnv = Set.copyOf(secretEnv);
        }

        /** Never shows env values. */
        @Override
        public String toString() {
            return "Plugin[" + name + (init ? " (init) " : " ") + image + "]";
        }
    }
}
