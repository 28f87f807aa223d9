package io.kato.api.detect;

import java.util.List;
import java.util.Map;

/**
 * What a detector found in a tree.
 *
 * @param language     the detector's language id
 * @param versions     runtime and tool versions pinned by the tree ({@code java: 17}, {@code maven: 3.9})
 * @param buildCommand how the source is built, or {@code null} when it needs no build
 * @param startCommand how an instance starts (a Procfile {@code web:} line wins)
 * @param ports        ports the service is expected to listen on
 * @param env          env vars the tree asks for (build scope names start with {@code BUILD_})
 * @param problems     what the user should fix, with hints
 * @param modules      runnable modules when the tree holds several services (one candidate
 *                     component each); empty for a single service
 */
public record Detection(String language, Map<String, String> versions, String buildCommand, String startCommand,
                        List<Integer> ports, Map<String, String> env, List<Problem> problems,
                        List<Module> modules) {
    public Detection {
        // in the order the detector found them (Map.copyOf would shuffle them anew in every JVM)
        versions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
        ports = List.copyOf(ports);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        problems = List.copyOf(problems);
        modules = List.copyOf(modules);
    }

    /**
     * A runnable module of a multi-module tree.
     *
     * @param name         what the module calls itself (artifactId, project name)
     * @param path         the folder it lives in, relative to the checked tree
     * @param buildCommand how to build just this module, run in the checked tree's root (a
     *                     module usually needs its parent and siblings); null when the
     *                     tree's build command serves
     * @param startCommand how an instance of this module starts, from the tree's root; null
     *                     when unknown
     * @param ports        ports this module listens on; empty when the tree's ports serve
     */
    public record Module(String name, String path, String buildCommand, String startCommand, List<Integer> ports) {
        public Module {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }

        /** A module known only by name and folder. */
        public Module(String name, String path) {
            this(name, path, null, null, List.of());
        }
    }
}
