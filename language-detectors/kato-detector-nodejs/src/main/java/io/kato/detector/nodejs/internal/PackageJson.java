package io.kato.detector.nodejs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.kato.detector.support.json.JsonFiles;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of {@code package.json} detection reads. An unparsable file yields
 * {@link #EMPTY}, so the detector can still report what the lock files tell.
 *
 * @param scripts        npm scripts by name
 * @param dependencies   names from dependencies and devDependencies (front-end tools are often dev-only)
 * @param engines        the {@code engines} constraints ({@code node}, {@code npm}…)
 * @param packageManager the corepack {@code packageManager} field ({@code pnpm@8.15.4}), or null
 * @param main           the {@code main} entry, or null
 */
record PackageJson(Map<String, String> scripts, Set<String> dependencies, Map<String, String> engines,
                   String packageManager, String main) {
    static final PackageJson EMPTY = new PackageJson(Map.of(), Set.of(), Map.of(), null, null);

    static PackageJson of(JsonNode root) {
        Set<String> dependencies = new HashSet<>();
        root.path("dependencies").fieldNames().forEachRemaining(dependencies::add);
        root.path("devDependencies").fieldNames().forEachRemaining(dependencies::add);
        return new PackageJson(texts(root.path("scripts")), dependencies, texts(root.path("engines")),
                JsonFiles.text(root, "/packageManager").orElse(null), JsonFiles.text(root, "/main").orElse(null));
    }

    Optional<String> script(String name) {
        return Optional.ofNullable(scripts.get(name)).filter(s -> !s.isBlank());
    }

    /** The manager name of {@code packageManager} ({@code pnpm}), if set. */
    Optional<String> managerName() {
        return Optional.ofNullable(packageManager).map(pm -> pm.split("@", 2)[0]);
    }

    /** The manager version of {@code packageManager}, without corepack's {@code +sha...} suffix. */
    Optional<String> managerVersion() {
        return Optional.ofNullable(packageManager).filter(pm -> pm.contains("@"))
                .map(pm -> pm.substring(pm.indexOf('@') + 1).split("\\+", 2)[0]);
    }

    private static Map<String, String> texts(JsonNode object) {
        Map<String, String> values = new HashMap<>();
        object.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                values.put(e.getKey(), e.getValue().asText());
            }
        });
        return values;
    }
}
