package io.kato.image;

import java.util.List;
import java.util.Map;

/**
 * What an image says about how to run it, read from its registry: the fields of the OCI
 * image configuration a component takes over, and the digest that pins the exact image.
 *
 * @param reference    the image as asked for, pinned to {@code digest}
 * @param digest       the digest of the manifest asked for (for a multi-platform image, its
 *                     index: every platform pulls its own)
 * @param os           e.g. linux
 * @param architecture e.g. amd64: the platform whose configuration was read (this machine's)
 * @param env          the image's environment ({@code ENV})
 * @param exposedPorts the ports it declares ({@code EXPOSE}), host port null
 * @param volumes      the paths it declares as volumes ({@code VOLUME})
 * @param entrypoint   {@code ENTRYPOINT}, or empty
 * @param cmd          {@code CMD}, or empty
 * @param user         {@code USER}, or null
 * @param workingDir   {@code WORKDIR}, or null
 * @param labels       the image's labels
 * @param sizeBytes    the compressed size of its layers
 */
public record ImageConfig(ImageReference reference, String digest, String os, String architecture,
                          Map<String, String> env, List<ContainerSpec.PortMapping> exposedPorts, List<String> volumes,
                          List<String> entrypoint, List<String> cmd, String user, String workingDir,
                          Map<String, String> labels, long sizeBytes) {
    public ImageConfig {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        exposedPorts = List.copyOf(exposedPorts);
        volumes = List.copyOf(volumes);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }
}
