package io.kato.image;

import java.util.List;
import java.util.Map;

/**
 * One container as a user described it, to Docker or to docker-compose: what Kato makes
 * a component of. Everything but the image is optional.
 *
 * @param name       the container's or service's name, or null (docker run without --name)
 * @param image      the image, as written
 * @param env        environment variables in the order given
 * @param ports      published or exposed ports
 * @param volumes    mounts; a null source is an anonymous volume
 * @param memoryMb   the memory limit in MiB, or null
 * @param entrypoint replaces the image's entrypoint when not null
 * @param command    replaces the image's command (CMD) when not null
 * @param user       the user to run as, or null
 * @param workdir    the working directory, or null
 * @param dependsOn  other services of the same file it needs (links, depends_on)
 * @param warnings   what was given but has no meaning on Kato (e.g. {@code --network}),
 *                   said so rather than silently dropped
 */
public record ContainerSpec(String name, String image, Map<String, String> env, List<PortMapping> ports,
                            List<VolumeMount> volumes, Integer memoryMb, List<String> entrypoint,
                            List<String> command, String user, String workdir, List<String> dependsOn,
                            List<String> warnings) {
    public ContainerSpec {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        command = command == null ? null : List.copyOf(command);
        dependsOn = List.copyOf(dependsOn);
        warnings = List.copyOf(warnings);
    }

    /**
     * A port of the container.
     *
     * @param containerPort the port the container listens on
     * @param hostPort      the port published on the host, or null (only exposed)
     * @param protocol      tcp or udp
     */
    public record PortMapping(int containerPort, Integer hostPort, String protocol) {
    }

    /**
     * A mount.
     *
     * @param source   a named volume or a host path, or null for an anonymous volume
     * @param target   the path inside the container
     * @param readOnly mounted read-only
     */
    public record VolumeMount(String source, String target, boolean readOnly) {
        /** A host path rather than a named volume: Kato cannot bring the host's files along. */
        public boolean hostPath() {
            return source != null && (source.startsWith("/") || source.startsWith(".") || source.startsWith("~"));
        }
    }
}
