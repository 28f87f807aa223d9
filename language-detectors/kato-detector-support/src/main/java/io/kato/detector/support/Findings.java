package io.kato.detector.support;

import io.kato.api.detect.Detection;
import io.kato.api.detect.Problem;
import io.kato.api.detect.Problem.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what one {@code detect} call finds and turns it into a {@link Detection}.
 * A detector creates one per call and drops it afterwards, so the detector itself
 * stays stateless; instances are not meant to be shared between threads.
 */
public final class Findings {
    private String language;
    private final Map<String, String> versions = new LinkedHashMap<>();
    private String buildCommand;
    private String startCommand;
    private final Set<Integer> ports = new LinkedHashSet<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Detection.Module> modules = new ArrayList<>();

    public Findings(String language) {
        this.language = language;
    }

    /** Reports another language id than the detector's own (nodejs reporting node-static). */
    public Findings language(String id) {
        this.language = id;
        return this;
    }

    /** Records a pinned version; blank values are ignored and the first pin of a key wins. */
    public Findings version(String key, String value) {
        if (value != null && !value.isBlank()) {
            versions.putIfAbsent(key, value.strip());
        }
        return this;
    }

    public boolean hasVersion(String key) {
        return versions.containsKey(key);
    }

    public String versionOf(String key) {
        return versions.get(key);
    }

    public Findings build(String command) {
        this.buildCommand = command;
        return this;
    }

    public Findings start(String command) {
        this.startCommand = command;
        return this;
    }

    public boolean hasStart() {
        return startCommand != null;
    }

    public Findings port(int port) {
        if (port > 0 && port < 65536) {
            ports.add(port);
        }
        return this;
    }

    /** Records the port only when nothing more specific (a config file, a script) named one. */
    public Findings defaultPort(int port) {
        return ports.isEmpty() ? port(port) : this;
    }

    public Findings env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Findings module(String name, String path) {
        modules.add(new Detection.Module(name, path));
        return this;
    }

    /**
     * A module with its own build and start commands (from the tree's root) and ports;
     * ports outside 1–65535 (Spring's {@code server.port=0}, "any free port") are dropped.
     */
    public Findings module(String name, String path, String build, String start, List<Integer> modulePorts) {
        modules.add(new Detection.Module(name, path, build, start,
                modulePorts.stream().filter(p -> p > 0 && p < 65536).toList()));
        return this;
    }

    public Findings problem(Problem problem) {
        problems.add(problem);
        return this;
    }

    public Findings info(String message, String hint, String file) {
        return problem(new Problem(Severity.INFO, message, hint, file, 0));
    }

    public Findings warning(String message, String hint, String file) {
        return problem(Problem.warning(message, hint, file));
    }

    public Findings error(String message, String hint, String file) {
        return problem(Problem.error(message, hint, file));
    }

    public Detection toDetection() {
        return new Detection(language, versions, buildCommand, startCommand, List.copyOf(ports), env, problems,
                modules);
    }
}
