package io.kato.core.internal;

import io.kato.api.model.DeployType;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.ImageReport;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.image.ContainerSpec;
import io.kato.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One container of an image check as Kato will run it: what the user gave, filled in
 * from the image's configuration the way Docker combines them (the user's entrypoint
 * drops the image's command; the user's env, ports and volumes come on top of the image's).
 */
final class ImageServices {
    private static final Pattern KATO_ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Set by every base image, and by the runtime itself: not worth a component variable. */
    private static final Set<String> IMAGE_ENV_LEFT_OUT = Set.of("PATH", "HOME", "HOSTNAME", "TERM");

    private ImageServices() {
    }

    static ImageReport.Service of(ContainerSpec spec, ImageConfig image, Map<String, String> componentNames) {
        String name = ImageInputs.componentName(spec);
        List<String> warnings = new ArrayList<>(spec.warnings());
        boolean database = ImageInputs.database(image.reference().repository());
        Map<String, String> env = new LinkedHashMap<>();
        image.env().forEach((k, v) -> {
            if (!IMAGE_ENV_LEFT_OUT.contains(k)) {
                env.put(k, v);
            }
        });
        env.putAll(spec.env());
        List<EnvVar> vars = new ArrayList<>();
        env.forEach((k, v) -> {
            if (KATO_ENV_NAME.matcher(k).matches()) {
                vars.add(new EnvVar(k, v, EnvScope.RUNTIME, ImageInputs.secretName(k)));
            } else {
                warnings.add("environment " + k + ": not a variable name Kato sets (letters, digits, '_'); left out");
            }
        });
        List<Port> ports = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (ContainerSpec.PortMapping p : spec.ports()) {
            if (!seen.contains(p.containerPort())) {
                seen.add(p.containerPort());
                Protocol protocol = protocol(p, database);
                ports.add(new Port(p.containerPort(), protocol, null, true,
                        p.hostPort() != null && protocol == Protocol.HTTP));
            }
        }
        for (ContainerSpec.PortMapping p : image.exposedPorts()) {
            if (!seen.contains(p.containerPort())) {
                seen.add(p.containerPort());
                ports.add(new Port(p.containerPort(), protocol(p, database), null, true, false));
            }
        }
        List<ImageReport.Volume> volumes = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (ContainerSpec.VolumeMount v : spec.volumes()) {
            if (!paths.contains(v.target())) {
                paths.add(v.target());
                volumes.add(new ImageReport.Volume(v.target(), v.source()));
            }
        }
        for (String path : image.volumes()) {
            if (!paths.contains(path)) {
                paths.add(path);
                volumes.add(new ImageReport.Volume(path, null));
            }
        }
        // Docker's rule: an entrypoint given on the command line drops the image's CMD too
        List<String> entrypoint = spec.entrypoint() != null ? spec.entrypoint() : image.entrypoint();
        List<String> cmd = spec.command() != null ? spec.command()
                : spec.entrypoint() != null ? List.of() : image.cmd();
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        DeployType deployType = database || !volumes.isEmpty() ? DeployType.STATEFUL_SINGLE
                : DeployType.STATELESS_MULTIPLE;
        List<String> dependsOn = spec.dependsOn().stream().map(s -> componentNames.getOrDefault(s, s)).toList();
        return new ImageReport.Service(name, image.reference().toString(), image.digest(),
                image.os() + "/" + image.architecture(), vars, ports, volumes, spec.memoryMb(), command,
                spec.user() != null ? spec.user() : image.user(),
                spec.workdir() != null ? spec.workdir() : image.workingDir(), deployType, dependsOn, warnings,
                image.sizeBytes());
    }

    /** A web port unless the port says otherwise: MySQL's, UDP, or any port of a database image. */
    private static Protocol protocol(ContainerSpec.PortMapping p, boolean database) {
        if (p.protocol().equals("udp")) {
            return Protocol.UDP;
        }
        if (p.containerPort() == 3306) {
            return Protocol.MYSQL;
        }
        return database ? Protocol.TCP : Protocol.HTTP;
    }
}
