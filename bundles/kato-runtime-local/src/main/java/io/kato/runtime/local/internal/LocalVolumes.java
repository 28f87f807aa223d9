package io.kato.runtime.local.internal;

import io.kato.api.model.Volume;
import io.kato.api.runtime.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A component's volumes and config files on this machine. A process cannot have a folder
 * mounted at a path of its choosing without a container, so each one is a folder (or file)
 * under Kato's data folder and the instance learns where from {@code KATO_VOLUME_<NAME>}
 * (the volume's name upper-cased, '-' as '_'). {@code share_file} and {@code local}
 * volumes are one folder the component's instances share (one machine); {@code memory}
 * is a folder emptied at each instance start; a config file is written afresh at each start.
 */
final class LocalVolumes {
    private final Path root;

    LocalVolumes(Path root) {
        this.root = root;
    }

    /** Makes the deployment's volumes ready for one instance; returns the variables that name them. */
    Map<String, String> prepare(Deployment d, String instanceId) {
        Map<String, String> env = new LinkedHashMap<>();
        Path component = root.resolve(d.componentId());
        try {
            for (Volume v : d.volumes()) {
                Path at = switch (v.type()) {
                    case SHARE_FILE, LOCAL -> Files.createDirectories(component.resolve("data").resolve(v.name()));
                    case MEMORY -> fresh(component.resolve("scratch").resolve(instanceId).resolve(v.name()));
                    case CONFIG_FILE -> configFile(component.resolve("config").resolve(v.name()), v);
                };
                env.put(variable(v), at.toAbsolutePath().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the volumes of " + d.name() + ": " + e.getMessage(), e);
        }
        return env;
    }

    static String variable(Volume v) {
        return "KATO_VOLUME_" + v.name().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Path fresh(Path dir) throws IOException {
        delete(dir);
        return Files.createDirectories(dir);
    }

    /** The file keeps the base name of its path, so a program that checks the name finds what it expects. */
    private static Path configFile(Path dir, Volume v) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(Path.of(v.path()).getFileName().toString());
        Path written = Files.writeString(dir.resolve(file.getFileName() + ".next"),
                v.content() == null ? "" : v.content(), StandardCharsets.UTF_8);
        // replaced in one step: an instance reading it now sees the old or the new file, never half of one
        return Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Drops everything a deleted component kept here. */
    void purge(String componentId) {
        try {
            delete(root.resolve(componentId));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the volumes of component " + componentId + ": "
                    + e.getMessage(), e);
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
