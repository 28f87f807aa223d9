package io.kato.api.model;

import java.util.List;

/**
 * What an image check found: one service per container (one for an image or a
 * {@code docker run} line, one per compose service, in the file's order).
 */
public record ImageReport(List<Service> services) {
    public ImageReport {
        services = List.copyOf(services);
    }

    /**
     * One container as Kato will run it: what the user gave, filled in from the image's
     * configuration (its env, exposed ports, volumes, entrypoint and command, user).
     *
     * @param name         the compose service or {@code --name}; for an image alone, from its repository
     * @param image        the image pinned to the digest that was read
     * @param digest       the manifest digest ({@code sha256:…})
     * @param platform     e.g. linux/amd64
     * @param env          the image's env overlaid with the user's; secret-looking names are
     *                     secret, their values masked when shown
     * @param ports        the user's published ports (outer) and the image's exposed ones (inner)
     * @param volumes      paths that keep data, from the user and the image
     * @param memoryMb     the user's memory limit, or null
     * @param command      what runs: entrypoint then command, the user's replacing the image's
     * @param user         the user it runs as, or null
     * @param workdir      its working directory, or null
     * @param deployType   stateful for known databases and images with volumes, else stateless
     * @param dependsOn    other services of the same check it needs
     * @param warnings     what was given but has no effect on Kato
     * @param sizeBytes    compressed size of the image's layers
     */
    public record Service(String name, String image, String digest, String platform, List<EnvVar> env,
                          List<Port> ports, List<Volume> volumes, Integer memoryMb, List<String> command, String user,
                          String workdir, DeployType deployType, List<String> dependsOn, List<String> warnings,
                          long sizeBytes) {
        public Service {
            env = List.copyOf(env);
            ports = List.copyOf(ports);
            volumes = List.copyOf(volumes);
            command = List.copyOf(command);
            dependsOn = List.copyOf(dependsOn);
            warnings = List.copyOf(warnings);
        }

        /** The same service with secret values masked. */
        public Service masked() {
            return new Service(name, image, digest, platform, env.stream().map(EnvVar::masked).toList(), ports,
                    volumes, memoryMb, command, user, workdir, deployType, dependsOn, warnings, sizeBytes);
        }
    }

    /**
     * A path in the container whose data must outlive the instance.
     *
     * @param path   where it is mounted
     * @param source the named volume or host folder the user gave, or null
     */
    public record Volume(String path, String source) {
    }

    /** The same report with secret values masked. */
    public ImageReport masked() {
        return new ImageReport(services.stream().map(Service::masked).toList());
    }
}
