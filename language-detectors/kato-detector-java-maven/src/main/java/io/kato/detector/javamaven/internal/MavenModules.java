package io.kato.detector.javamaven.internal;

import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Texts;
import io.kato.detector.support.xml.XmlFiles;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the {@code <modules>} of a multi-module build and keeps the runnable ones: jar
 * modules whose pom (or parent) makes them executable, and every war module. The walk is
 * bounded in depth and count, and ignores module paths that climb out of the tree, because
 * the poms come from an untrusted repository.
 */
final class MavenModules {
    private static final int MAX_DEPTH = 4;
    private static final int MAX_MODULES = 200;

    /** A module worth a component: its artifactId, its folder and its packaged artifact. */
    record RunnableModule(String name, String path, Pom pom) {
        /** The artifact path relative to the tree root. */
        String artifact() {
            return Texts.join(path, pom.artifact());
        }
    }

    private MavenModules() {
    }

    static List<RunnableModule> runnable(SourceTree tree, Pom root, Findings findings) {
        List<RunnableModule> found = new ArrayList<>();
        walk(tree, "", root, 1, new HashSet<>(), found, findings);
        return found;
    }

    private static void walk(SourceTree tree, String folder, Pom parent, int depth, Set<String> seen,
                             List<RunnableModule> found, Findings findings) {
        for (String module : parent.modules()) {
            Optional<String> pomPath = pomPath(folder, module);
            if (pomPath.isEmpty() || seen.size() >= MAX_MODULES || !seen.add(pomPath.get())) {
                continue;
            }
            if (!tree.exists(pomPath.get())) {
                findings.warning("Module '" + module + "' is listed in " + Texts.join(folder, "pom.xml")
                                + " but " + pomPath.get() + " does not exist",
                        "Commit the module, or remove it from <modules>", Texts.join(folder, "pom.xml"));
                continue;
            }
            Optional<Pom> pom = XmlFiles.read(tree, pomPath.get(), findings).map(d -> Pom.of(d, parent));
            if (pom.isEmpty()) {
                continue;
            }
            String path = Texts.folderOf(pomPath.get());
            Pom p = pom.get();
            if (!p.modules().isEmpty() && depth < MAX_DEPTH) {
                walk(tree, path, p, depth + 1, seen, found, findings);
            }
            boolean runnable = p.packaging().equals("war")
                    || p.packaging().equals("jar") && p.launcher() != Pom.Launcher.NONE;
            if (runnable) {
                found.add(new RunnableModule(p.artifactId() == null ? path : p.artifactId(), path, p));
            }
        }
    }

    /** The module's pom path inside the tree; a module may name a pom file instead of a folder. */
    private static Optional<String> pomPath(String folder, String module) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : Texts.join(folder, module.replace('\\', '/')).split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String path = String.join("/", parts);
        return Optional.of(path.endsWith(".xml") ? path : path + "/pom.xml");
    }
}
