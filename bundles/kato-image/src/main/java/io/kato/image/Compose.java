package io.kato.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a docker-compose file — format 2.x, 3.x, or the versionless Compose
 * Specification — into one {@link ContainerSpec} per service, in the file's order.
 * {@code links} and {@code depends_on} become {@link ContainerSpec#dependsOn()};
 * {@code ${VAR}} and {@code ${VAR:-default}} are interpolated with the given variables
 * (an unset one without a default becomes empty, with a warning, as compose does).
 * Every error names the service and the field.
 */
public final class Compose {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\$|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}"
            + "|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]*");
    /** Fields read; others are reported as not read. */
    private static final Set<String> KNOWN = Set.of("image", "build", "environment", "env_file", "ports", "expose",
            "volumes", "command", "entrypoint", "mem_limit", "deploy", "links", "depends_on", "user", "working_dir",
            "container_name");
    /** Fields that only matter to a Docker engine, not reported. */
    private static final Set<String> QUIET = Set.of("restart", "networks", "labels", "logging", "healthcheck",
            "stdin_open", "tty", "hostname", "init", "stop_grace_period", "stop_signal", "ulimits", "platform",
            "pull_policy", "cpus", "cpu_shares", "mem_reservation", "memswap_limit", "shm_size", "extra_hosts",
            "dns", "dns_search", "tmpfs", "profiles", "x-kato");

    private Compose() {
    }

    /**
     * Parses a compose file.
     *
     * @param yaml      the file's text
     * @param variables values for {@code ${VAR}} interpolation (compose's {@code .env})
     * @throws SpecException naming the service and field that is wrong
     */
    public static List<ContainerSpec> parse(String yaml, Map<String, String> variables) {
        JsonNode root = Yaml.read(yaml);
        if (root == null || !root.isObject()) {
            throw new SpecException("The compose file is empty or not a mapping: it needs 'services:'");
        }
        JsonNode version = root.get("version");
        if (version != null && !version.asText().matches("[23](\\.[0-9]+)?")) {
            throw new SpecException("field 'version': '" + version.asText() + "' is not a compose format Kato reads"
                    + " (2.x, 3.x, or no version)");
        }
        JsonNode services = root.get("services");
        if (services == null) {
            throw new SpecException("The compose file has no 'services:' (a version 1 file, with services at the top"
                    + " level, is not read: put them under 'services:')");
        }
        if (!services.isObject() || services.isEmpty()) {
            throw new SpecException("field 'services': must map each service's name to its settings");
        }
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        List<ContainerSpec> specs = new ArrayList<>();
        for (String name : names) {
            if (!SERVICE_NAME.matcher(name).matches()) {
                throw new SpecException("service '" + name + "': the name may hold letters, digits, '.', '_' and '-'");
            }
            JsonNode service = services.get(name);
            if (service == null || !service.isObject()) {
                throw new SpecException("service '" + name + "': must be a mapping of settings (image, ports, …)");
            }
            specs.add(new ServiceReader(name, merged((ObjectNode) service), variables, Set.copyOf(names)).read());
        }
        return specs;
    }

    /** YAML merge keys ({@code <<: *defaults}), which the parser leaves as a plain key. */
    private static ObjectNode merged(ObjectNode node) {
        JsonNode base = node.get("<<");
        if (base == null) {
            return node;
        }
        ObjectNode out = NODES.objectNode();
        for (JsonNode b : base.isArray() ? base : List.of(base)) {
            if (b.isObject()) {
                out.setAll(merged((ObjectNode) b));
            }
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("<<")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** One service: each field read with the service and field named in every error. */
    private static final class ServiceReader {
        private final String name;
        private final ObjectNode node;
        private final Map<String, String> variables;
        private final Set<String> services;
        private final List<String> warnings = new ArrayList<>();

        ServiceReader(String name, ObjectNode node, Map<String, String> variables, Set<String> services) {
            this.name = name;
            this.node = node;
            this.variables = variables;
            this.services = services;
        }

        ContainerSpec read() {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!KNOWN.contains(field) && !QUIET.contains(field) && !field.startsWith("x-")) {
                    warnings.add("field '" + field + "' is not read by Kato");
                }
            }
            String image = text("image");
            if (image == null) {
                throw new SpecException(where("image") + (node.has("build")
                        ? ": the service is built ('build:') and names no image; Kato builds source through a source"
                        + " check — give the image it was built into, or create the component from its repository"
                        : ": missing; every service needs the image it runs"));
            }
            try {
                ImageReference.parse(image);
            } catch (SpecException e) {
                throw new SpecException(where("image") + ": " + e.getMessage());
            }
            if (node.has("build")) {
                warnings.add("field 'build' is not used: the image '" + image + "' runs as it is");
            }
            if (node.has("env_file")) {
                warnings.add("field 'env_file': the files are not read; set their variables on the component");
            }
            Map<String, String> env = environment();
            List<ContainerSpec.PortMapping> ports = ports();
            List<ContainerSpec.VolumeMount> volumes = volumes();
            Specs.hostPathWarnings(volumes, warnings);
            return new ContainerSpec(name, image, env, ports, volumes, memory(), words("entrypoint"),
                    words("command"), text("user"), text("working_dir"), dependsOn(), warnings);
        }

        private String where(String field) {
            return "service '" + name + "', field '" + field + "'";
        }

        private String text(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode()) {
                throw new SpecException(where(field) + ": must be a single value");
            }
            return interpolate(v.asText(), field);
        }

        private Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            JsonNode v = node.get("environment");
            if (v == null || v.isNull()) {
                return env;
            }
            if (v.isObject()) {
                v.fields().forEachRemaining(e -> {
                    String key = Specs.envName(e.getKey(), where("environment"));
                    if (e.getValue().isNull()) {
                        warnings.add("environment " + key + ": takes its value from the docker host, which Kato does"
                                + " not have: set it on the component");
                    } else if (!e.getValue().isValueNode()) {
                        throw new SpecException(where("environment." + key) + ": must be a single value");
                    } else {
                        env.put(key, interpolate(e.getValue().asText(), "environment." + key));
                    }
                });
            } else if (v.isArray()) {
                int i = 0;
                for (JsonNode item : v) {
                    String field = "environment[" + i++ + "]";
                    if (!item.isValueNode()) {
                        throw new SpecException(where(field) + ": must be KEY=value");
                    }
                    String s = item.asText();
                    int eq = s.indexOf('=');
                    if (eq < 0) {
                        warnings.add("environment " + s + ": takes its value from the docker host, which Kato does"
                                + " not have: set it on the component");
                    } else {
                        env.put(Specs.envName(s.substring(0, eq), where(field)),
                                interpolate(s.substring(eq + 1), field));
                    }
                }
            } else {
                throw new SpecException(where("environment") + ": must be a mapping or a list of KEY=value");
            }
            return env;
        }

        private List<ContainerSpec.PortMapping> ports() {
            List<ContainerSpec.PortMapping> ports = new ArrayList<>();
            int i = 0;
            for (JsonNode item : list("ports")) {
                String field = "ports[" + i++ + "]";
                if (item.isObject()) {
                    JsonNode target = item.get("target");
                    if (target == null || !target.asText().matches("[0-9]{1,5}")) {
                        throw new SpecException(where(field) + ": the long syntax needs 'target', the container's"
                                + " port");
                    }
                    String text = target.asText();
                    int container = Specs.portNumber(text, text, where(field));
                    JsonNode published = item.get("published");
                    String hostText = published == null || published.isNull() ? null
                            : interpolate(published.asText(), field).replaceAll("-.*", "");
                    if (hostText != null && !hostText.isEmpty() && !hostText.matches("[0-9]{1,5}")) {
                        throw new SpecException(where(field) + ": 'published' must be a port number, was '"
                                + published.asText() + "'");
                    }
                    Integer host = hostText == null || hostText.isEmpty() ? null
                            : Specs.portNumber(hostText, published.asText(), where(field));
                    JsonNode protocol = item.get("protocol");
                    ports.add(new ContainerSpec.PortMapping(container, host,
                            protocol == null ? "tcp" : protocol.asText()));
                } else if (item.isValueNode()) {
                    ports.add(Specs.port(interpolate(item.asText(), field), where(field)));
                } else {
                    throw new SpecException(where(field) + ": must be a port mapping");
                }
            }
            i = 0;
            for (JsonNode item : list("expose")) {
                String field = "expose[" + i++ + "]";
                ContainerSpec.PortMapping p = Specs.port(item.asText(), where(field));
                ports.add(new ContainerSpec.PortMapping(p.containerPort(), null, p.protocol()));
            }
            return ports;
        }

        private List<ContainerSpec.VolumeMount> volumes() {
            List<ContainerSpec.VolumeMount> volumes = new ArrayList<>();
            int i = 0;
            for (JsonNode item : list("volumes")) {
                String field = "volumes[" + i++ + "]";
                if (item.isObject()) {
                    JsonNode target = item.get("target");
                    if (target == null || !target.isTextual()) {
                        throw new SpecException(where(field) + ": the long syntax needs 'target', the path in the"
                                + " container");
                    }
                    JsonNode source = item.get("source");
                    JsonNode type = item.get("type");
                    if (type != null && type.asText().equals("tmpfs")) {
                        continue;
                    }
                    String s = source == null || source.isNull() ? null : interpolate(source.asText(), field);
                    if (type != null && type.asText().equals("bind") && s != null && !s.startsWith("/")
                            && !s.startsWith(".")) {
                        s = "./" + s;
                    }
                    volumes.add(Specs.volume((s == null ? "" : s + ":") + target.asText()
                            + (item.path("read_only").asBoolean(false) ? ":ro" : ""), where(field)));
                } else if (item.isValueNode()) {
                    volumes.add(Specs.volume(interpolate(item.asText(), field), where(field)));
                } else {
                    throw new SpecException(where(field) + ": must be a volume ([source:]target[:ro])");
                }
            }
            return volumes;
        }

        private Integer memory() {
            JsonNode v2 = node.get("mem_limit");
            JsonNode v3 = node.path("deploy").path("resources").path("limits").get("memory");
            JsonNode v = v2 != null && !v2.isNull() ? v2 : v3;
            if (v == null || v.isNull()) {
                return null;
            }
            String field = v == v2 ? "mem_limit" : "deploy.resources.limits.memory";
            return Specs.memoryMb(interpolate(v.asText(), field), where(field));
        }

        private List<String> words(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isArray()) {
                List<String> words = new ArrayList<>();
                for (JsonNode w : v) {
                    if (!w.isValueNode()) {
                        throw new SpecException(where(field) + ": a list of words must hold plain values");
                    }
                    words.add(interpolate(w.asText(), field));
                }
                return words;
            }
            if (v.isValueNode()) {
                try {
                    return Shell.split(interpolate(v.asText(), field));
                } catch (SpecException e) {
                    throw new SpecException(where(field) + ": " + e.getMessage());
                }
            }
            throw new SpecException(where(field) + ": must be a string or a list of words");
        }

        private List<String> dependsOn() {
            Set<String> needs = new LinkedHashSet<>();
            int i = 0;
            for (JsonNode item : list("links")) {
                String field = "links[" + i++ + "]";
                String link = item.asText();
                needs.add(known(link.contains(":") ? link.substring(0, link.indexOf(':')) : link, field));
            }
            JsonNode depends = node.get("depends_on");
            if (depends != null && depends.isObject()) {
                depends.fieldNames().forEachRemaining(s -> needs.add(known(s, "depends_on")));
            } else {
                i = 0;
                for (JsonNode item : list("depends_on")) {
                    needs.add(known(item.asText(), "depends_on[" + i++ + "]"));
                }
            }
            return List.copyOf(needs);
        }

        private String known(String service, String field) {
            if (!services.contains(service)) {
                throw new SpecException(where(field) + ": there is no service '" + service + "' in the file");
            }
            if (service.equals(name)) {
                throw new SpecException(where(field) + ": a service cannot depend on itself");
            }
            return service;
        }

        private Iterable<JsonNode> list(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw new SpecException(where(field) + ": must be a list");
            }
            return v;
        }

        private String interpolate(String value, String field) {
            Matcher m = VARIABLE.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement;
                if (m.group().equals("$$")) {
                    replacement = "$";
                } else {
                    String var = m.group(1) != null ? m.group(1) : m.group(4);
                    String set = variables.get(var);
                    String op = m.group(2);
                    boolean unset = set == null || op != null && op.startsWith(":") && set.isEmpty();
                    if (op != null && op.endsWith("?") && unset) {
                        throw new SpecException(where(field) + ": needs the variable " + var
                                + (m.group(3).isEmpty() ? "" : " (" + m.group(3) + ")"));
                    } else if (op != null && op.endsWith("-") && unset) {
                        replacement = m.group(3);
                    } else if (set == null) {
                        warnings.add(where(field) + ": variable " + var + " is not set; it is read as empty");
                        replacement = "";
                    } else {
                        replacement = set;
                    }
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }
    }
}
