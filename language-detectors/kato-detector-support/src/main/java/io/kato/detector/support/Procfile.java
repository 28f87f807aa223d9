package io.kato.detector.support;

import io.kato.api.detect.SourceTree;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start command a root {@code Procfile} asks for. Its {@code web:} process wins over
 * whatever a detector would guess; without one, the alphabetically first process is taken
 * so that the same tree always gives the same answer, and the user is warned.
 */
public final class Procfile {
    public static final String PATH = "Procfile";
    /** {@code name: command}, with the process-name alphabet Heroku and foreman accept. */
    private static final Pattern PROCESS = Pattern.compile("^([A-Za-z0-9_-]+)\\s*:\\s*(.+)$");

    private Procfile() {
    }

    /** The command to start the service with, or empty when there is no usable Procfile. */
    public static Optional<String> startCommand(SourceTree tree, Findings findings) {
        Optional<String> text = Texts.read(tree, PATH);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<String, String> processes = new TreeMap<>();
        text.get().lines().map(String::strip).filter(l -> !l.startsWith("#")).forEach(line -> {
            Matcher m = PROCESS.matcher(line);
            if (m.matches()) {
                processes.putIfAbsent(m.group(1), m.group(2).strip());
            }
        });
        if (processes.containsKey("web")) {
            return Optional.of(processes.get("web"));
        }
        if (processes.isEmpty()) {
            findings.warning("Procfile has no process line", "Write one line per process, e.g. 'web: <command>'",
                    PATH);
            return Optional.empty();
        }
        findings.warning("Procfile without web: process; using '" + processes.firstKey() + "'",
                "Name the process that serves traffic 'web:' so Kato does not have to pick one", PATH);
        return Optional.of(processes.firstEntry().getValue());
    }
}
