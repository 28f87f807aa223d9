package io.kato.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code docker run} command line (as people paste it from a README: quotes,
 * backslash-newline continuations, {@code docker container run}) into a
 * {@link ContainerSpec}. Options that shape the component (env, ports, volumes, memory,
 * name, entrypoint, user, workdir) are kept; options that only matter to a local Docker
 * engine ({@code -d}, {@code --rm}, {@code -it}, {@code --restart}, {@code --network}…)
 * are accepted and, where the user may have expected an effect, reported as warnings.
 * An option Docker does not have is an error naming it, since its argument cannot be told
 * from the image name.
 */
public final class DockerRun {
    /** Options without a value that change nothing on Kato. */
    private static final Set<String> FLAGS = Set.of("-d", "--detach", "--rm", "-i", "--interactive", "-t", "--tty",
            "-it", "-ti", "-dit", "-itd", "-id", "-td", "-dt", "--init", "-P", "--publish-all", "--read-only",
            "--privileged", "--no-healthcheck", "--oom-kill-disable", "--sig-proxy");
    /** Options with a value that change nothing on Kato, silently. */
    private static final Set<String> QUIET = Set.of("--restart", "--log-driver", "--log-opt", "--hostname", "-h",
            "--label", "-l", "--pull", "--platform", "--stop-signal", "--stop-timeout", "--detach-keys",
            "--health-cmd", "--health-interval", "--health-retries", "--health-timeout", "--health-start-period",
            "--shm-size", "--ulimit", "--cpus", "--cpu-shares", "-c", "--memory-swap", "--memory-reservation",
            "--tmpfs", "--dns", "--dns-search", "--add-host", "--cidfile", "--expose", "--label-file");
    /** Options with a value Kato cannot honour the way Docker does: kept as a warning. */
    private static final Set<String> WARNED = Set.of("--network", "--net", "--link", "--env-file", "--device",
            "--cap-add", "--cap-drop", "--security-opt", "--ipc", "--pid", "--uts", "--userns", "--gpus",
            "--volumes-from", "--mount", "--runtime", "--cgroupns", "--group-add", "--network-alias");

    private DockerRun() {
    }

    /**
     * Parses one command line.
     *
     * @throws SpecException naming the option or token that is wrong
     */
    public static ContainerSpec parse(String commandLine) {
        List<String> words = Shell.split(commandLine);
        int i = 0;
        if (i < words.size() && words.get(i).equals("$")) {
            i++; // pasted with the prompt
        }
        if (i < words.size() && words.get(i).equals("sudo")) {
            i++;
        }
        if (i < words.size() && words.get(i).endsWith("docker") || i < words.size() && words.get(i).endsWith("podman")) {
            i++;
        }
        if (i < words.size() && words.get(i).equals("container")) {
            i++;
        }
        if (i >= words.size() || !words.get(i).equals("run")) {
            throw new SpecException("Not a 'docker run' command line: it must start with 'docker run' (or 'docker"
                    + " container run')");
        }
        i++;
        String name = null;
        Map<String, String> env = new LinkedHashMap<>();
        List<ContainerSpec.PortMapping> ports = new ArrayList<>();
        List<ContainerSpec.VolumeMount> volumes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Integer memory = null;
        List<String> entrypoint = null;
        String user = null;
        String workdir = null;
        while (i < words.size() && words.get(i).startsWith("-") && !words.get(i).equals("-")) {
            String word = words.get(i++);
            if (word.equals("--")) {
                break;
            }
            String option = word;
            String inline = null;
            int eq = word.indexOf('=');
            if (word.startsWith("--") && eq > 0) {
                option = word.substring(0, eq);
                inline = word.substring(eq + 1);
            } else if (!word.startsWith("--") && word.length() > 2 && takesValue(word.substring(0, 2))) {
                option = word.substring(0, 2); // -p8080:80, -eKEY=value
                inline = word.substring(2);
            }
            if (FLAGS.contains(option) && inline == null || option.equals("--sig-proxy")) {
                continue;
            }
            if (!takesValue(option)) {
                throw new SpecException("'" + option + "' is not a docker run option Kato knows: remove it, or"
                        + " set what it does on the component after creating it");
            }
            String value;
            if (inline != null) {
                value = inline;
            } else if (i < words.size()) {
                value = words.get(i++);
            } else {
                throw new SpecException("'" + option + "' needs a value");
            }
            String where = "option " + option;
            switch (option) {
                case "--name" -> name = value;
                case "-e", "--env" -> {
                    int at = value.indexOf('=');
                    if (at < 0) {
                        warnings.add(option + " " + value + ": takes its value from the docker host's environment,"
                                + " which Kato does not have: set " + value + " on the component");
                    } else {
                        env.put(Specs.envName(value.substring(0, at), where), value.substring(at + 1));
                    }
                }
                case "-p", "--publish" -> ports.add(Specs.port(value, where));
                case "-v", "--volume" -> volumes.add(Specs.volume(value, where));
                case "-m", "--memory" -> memory = Specs.memoryMb(value, where);
                case "--entrypoint" -> entrypoint = value.isEmpty() ? List.of() : List.of(value);
                case "-u", "--user" -> user = value;
                case "-w", "--workdir" -> workdir = value;
                default -> {
                    if (WARNED.contains(option)) {
                        warnings.add(option + " " + value + ": has no effect on Kato"
                                + (option.startsWith("--net") || option.equals("--link")
                                ? " (components reach each other through dependencies)" : ""));
                    }
                }
            }
        }
        if (i >= words.size()) {
            throw new SpecException("No image in the command line: 'docker run [options] IMAGE [command] [args]'");
        }
        String image = words.get(i++);
        ImageReference.parse(image); // a clear error now rather than at the registry
        List<String> command = i < words.size() ? List.copyOf(words.subList(i, words.size())) : null;
        Specs.hostPathWarnings(volumes, warnings);
        return new ContainerSpec(name, image, env, ports, volumes, memory, entrypoint, command, user, workdir,
                List.of(), warnings);
    }

    private static boolean takesValue(String option) {
        return switch (option) {
            case "--name", "-e", "--env", "-p", "--publish", "-v", "--volume", "-m", "--memory", "--entrypoint",
                 "-u", "--user", "-w", "--workdir" -> true;
            default -> QUIET.contains(option) || WARNED.contains(option);
        };
    }
}
