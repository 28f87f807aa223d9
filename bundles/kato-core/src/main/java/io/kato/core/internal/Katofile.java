package io.kato.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.kato.api.detect.Detection;
import io.kato.api.detect.Problem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code Katofile}: component properties kept in the repository, in YAML.
 *
 * <pre>
 * language: nodejs            # overrides the detected primary language
 * buildPath: app              # where the build runs, relative to the checked folder
 * startCommand: node server.js
 * ports: [3000]
 * envs:
 *   NODE_ENV: production
 * services:                   # one component per module of a multi-service repository
 *   - name: api
 *     path: services/api
 * </pre>
 *
 * An invalid Katofile never fails the check: it becomes a problem naming the line.
 */
record Katofile(String language, String buildPath, String startCommand, List<Integer> ports,
                Map<String, String> envs, List<Detection.Module> services) {
    static final String FILE = "Katofile";
    static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> KEYS = Set.of("language", "buildPath", "startCommand", "ports", "envs",
            "services");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    /** The parsed file, or null when it is unusable; problems are added to {@code problems}. */
    static Katofile parse(String text, List<Problem> problems) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String why = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst()
                    .orElse("unreadable");
            problems.add(new Problem(Problem.Severity.ERROR, "Katofile line " + line + " is not valid YAML: " + why,
                    "Fix the YAML (indentation, quoting) and check again", FILE, line));
            return null;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Katofile(null, null, null, List.of(), Map.of(), List.of());
        }
        if (!root.isObject()) {
            problems.add(new Problem(Problem.Severity.ERROR, "Katofile must be a map of properties",
                    "Start it with keys such as 'language:' or 'ports:'", FILE, 1));
            return null;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(Problem.warning("Katofile has an unknown key '" + key + "', which is ignored",
                        "Known keys: " + String.join(", ", KEYS.stream().sorted().toList()), FILE));
            }
        }
        List<Integer> ports = new ArrayList<>();
        for (JsonNode p : root.path("ports")) {
            if (!p.canConvertToInt() || p.asInt() < 1 || p.asInt() > 65535) {
                problems.add(Problem.error("Katofile port '" + p.asText() + "' is not a port number",
                        "Use numbers from 1 to 65535, e.g. ports: [8080]", FILE));
            } else {
                ports.add(p.asInt());
            }
        }
        Map<String, String> envs = new LinkedHashMap<>();
        root.path("envs").fields().forEachRemaining(e -> envs.put(e.getKey(), e.getValue().asText()));
        List<Detection.Module> services = new ArrayList<>();
        for (JsonNode s : root.path("services")) {
            String name = s.path("name").asText("");
            String path = s.path("path").asText("");
            if (name.isEmpty() || path.isEmpty() || path.contains("..") || path.startsWith("/")) {
                problems.add(Problem.error("Katofile service entry needs a 'name' and a relative 'path'",
                        "e.g. services: [{name: api, path: services/api}]", FILE));
            } else {
                services.add(new Detection.Module(name, path));
            }
        }
        return new Katofile(text(root, "language"), text(root, "buildPath"), text(root, "startCommand"), ports, envs,
                services);
    }

    private static String text(JsonNode root, String key) {
        JsonNode n = root.path(key);
        return n.isValueNode() && !n.asText().isBlank() ? n.asText().strip() : null;
    }

    /**
     * Applies the file to what the detectors found: its language becomes the primary one,
     * and its start command, ports, env and services take precedence on that language.
     */
    List<Detection> apply(List<Detection> found, List<Problem> problems) {
        List<Detection> out = new ArrayList<>(found);
        int index = -1;
        if (language != null) {
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).language().equals(language)) {
                    index = i;
                }
            }
            if (index < 0) {
                problems.add(new Problem(Problem.Severity.INFO, "The language '" + language + "' comes from the"
                        + " Katofile; no installed detector recognised it", "Check the spelling if that is a surprise",
                        FILE, 0));
                out.add(0, new Detection(language, Map.of(), null, null, List.of(), Map.of(), List.of(), List.of()));
                index = 0;
            }
        } else if (!out.isEmpty()) {
            index = 0;
        }
        if (index < 0) {
            return out;
        }
        Detection d = out.remove(index);
        Map<String, String> env = new LinkedHashMap<>(d.env());
        env.putAll(envs);
        out.add(0, new Detection(d.language(), d.versions(), d.buildCommand(),
                startCommand != null ? startCommand : d.startCommand(), ports.isEmpty() ? d.ports() : ports, env,
                d.problems(), services.isEmpty() ? d.modules() : services));
        return out;
    }
}
