package io.kato.image;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Values written the same way on a docker command line and in a compose file. */
final class Specs {
    private static final Pattern MEMORY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([bkmg]?)b?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
    private static final Pattern IP = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private Specs() {
    }

    /**
     * Memory as Docker writes it ({@code 512m}, {@code 1g}, {@code 1.5G}, {@code 268435456})
     * in MiB, rounded up.
     *
     * @param where says where the value was, for the message
     */
    static int memoryMb(String value, String where) {
        Matcher m = MEMORY.matcher(value.trim());
        if (!m.matches()) {
            throw new SpecException(where + ": '" + value + "' is not an amount of memory (e.g. 512m, 1g)");
        }
        double n = Double.parseDouble(m.group(1));
        double bytes = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> n * 1024;
            case "m" -> n * 1024 * 1024;
            case "g" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
        long mb = (long) Math.ceil(bytes / (1024 * 1024));
        if (mb < 6 || mb > 1024 * 1024) {
            throw new SpecException(where + ": '" + value + "' is outside 6 MiB to 1 TiB");
        }
        return (int) mb;
    }

    /**
     * A port as {@code -p} and compose's short syntax write it:
     * {@code [ip:][hostPort:]containerPort[/protocol]}. A range is refused: Kato names
     * each port of a component.
     */
    static ContainerSpec.PortMapping port(String value, String where) {
        String v = value.trim();
        String protocol = "tcp";
        int slash = v.lastIndexOf('/');
        if (slash >= 0) {
            protocol = v.substring(slash + 1).toLowerCase(Locale.ROOT);
            v = v.substring(0, slash);
        }
        String ip = null;
        if (v.startsWith("[")) { // [::1]:8080:80
            int close = v.indexOf("]:");
            if (close < 0) {
                throw notAPort(value, where);
            }
            ip = v.substring(0, close + 1);
            v = v.substring(close + 2);
        }
        String[] parts = v.split(":", -1);
        if (parts.length == 3 && ip == null) {
            ip = parts[0]; // 127.0.0.1:8080:80, or 127.0.0.1::80 for any host port
        } else if (parts.length > 2 || ip != null && parts.length != 2) {
            throw notAPort(value, where);
        }
        String container = parts[parts.length - 1];
        String host = parts.length >= 2 ? parts[parts.length - 2] : null;
        if (ip != null && !IP.matcher(ip).matches() || !protocol.matches("tcp|udp|sctp")
                || !DIGITS.matcher(container).matches() || host != null && !host.isEmpty()
                && !DIGITS.matcher(host).matches()) {
            throw notAPort(value, where);
        }
        Integer published = host == null || host.isEmpty() ? null : portNumber(host, value, where);
        return new ContainerSpec.PortMapping(portNumber(container, value, where), published, protocol);
    }

    private static SpecException notAPort(String value, String where) {
        return new SpecException(where + ": '" + value + "' is not a port mapping (use [ip:][hostPort:]"
                + "containerPort[/tcp|udp], one port each)");
    }

    static int portNumber(String digits, String value, String where) {
        int n = Integer.parseInt(digits);
        if (n < 1 || n > 65535) {
            throw new SpecException(where + ": '" + value + "' has port " + n + ", outside 1-65535");
        }
        return n;
    }

    /** A volume in the short syntax: {@code [source:]target[:ro|rw|...]}. */
    static ContainerSpec.VolumeMount volume(String value, String where) {
        String[] parts = value.trim().split(":");
        String source = null;
        String target;
        String mode = null;
        switch (parts.length) {
            case 1 -> target = parts[0];
            case 2 -> {
                if (parts[1].startsWith("/")) {
                    source = parts[0];
                    target = parts[1];
                } else {
                    target = parts[0];
                    mode = parts[1];
                }
            }
            case 3 -> {
                source = parts[0];
                target = parts[1];
                mode = parts[2];
            }
            default -> throw new SpecException(where + ": '" + value + "' is not a volume ([source:]target[:ro])");
        }
        if (!target.startsWith("/")) {
            throw new SpecException(where + ": '" + value + "' mounts at '" + target + "', which is not an absolute"
                    + " path in the container");
        }
        if (source != null && source.isEmpty()) {
            throw new SpecException(where + ": '" + value + "' has an empty source");
        }
        boolean readOnly = mode != null && java.util.Arrays.asList(mode.split(",")).contains("ro");
        return new ContainerSpec.VolumeMount(source, target, readOnly);
    }

    /** What cannot come along of the mounts: host folders (Kato gives an empty volume there instead). */
    static void hostPathWarnings(List<ContainerSpec.VolumeMount> volumes, List<String> warnings) {
        for (ContainerSpec.VolumeMount v : volumes) {
            if (v.hostPath()) {
                warnings.add("volume " + v.source() + ":" + v.target() + ": a host folder cannot come along; Kato"
                        + " gives the component an empty volume at " + v.target());
            }
        }
    }

    /** An environment variable name as a shell would accept it. */
    static String envName(String name, String where) {
        if (!NAME.matcher(name).matches()) {
            throw new SpecException(where + ": '" + name + "' is not a variable name (letters, digits, '_', '.', '-',"
                    + " not starting with a digit)");
        }
        return name;
    }
}
