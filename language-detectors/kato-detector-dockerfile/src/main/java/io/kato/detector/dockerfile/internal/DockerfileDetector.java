package io.kato.detector.dockerfile.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Texts;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Detects a tree that brings its own {@code Dockerfile}, at the root or up to two folders
 * deep (the reference rule). It ranks highest: a Dockerfile says exactly how to build and
 * run, so it beats any guess from manifests.
 *
 * <ul>
 *   <li>One Dockerfile: build {@code docker build -f <path> <folder>}, ports from
 *       {@code EXPOSE} (no default: a port not exposed is a warning), start command from
 *       {@code ENTRYPOINT}/{@code CMD}, or {@code null} to keep the image's own. A Procfile is
 *       not consulted: the image, not the buildpack convention, decides how it starts.</li>
 *   <li>A root Dockerfile wins over deeper ones (those are usually dev or CI variants).</li>
 *   <li>Several Dockerfiles and none at the root: one module per Dockerfile folder, since a
 *       monorepo of services is the common reason for that layout.</li>
 * </ul>
 * Versions: {@code baseImage} is the image of the final {@code FROM} stage.
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + DockerfileDetector.ID,
        "service.ranking:Integer=100"})
public class DockerfileDetector implements LanguageDetector {
    static final String ID = "dockerfile";
    static final String NAME = "Dockerfile";
    private static final int MAX_DEPTH = 2;

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return NAME;
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        List<String> dockerfiles = tree.find(f -> f.path().endsWith(NAME) && f.fileName().equals(NAME) && f.depth() <= MAX_DEPTH).stream()
                .map(SourceTree.SourceFile::path).sorted().toList();
        if (dockerfiles.isEmpty()) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID);
        if (dockerfiles.contains(NAME) || dockerfiles.size() == 1) {
            describe(tree, dockerfiles.contains(NAME) ? NAME : dockerfiles.get(0), findings);
        } else {
            for (String path : dockerfiles) {
                String folder = Texts.folderOf(path);
                findings.module(folder.replace('/', '-'), folder);
            }
            findings.info(dockerfiles.size() + " Dockerfiles and none at the root; one component per folder",
                    "Put a Dockerfile at the root if the repository is a single service", null);
        }
        return Optional.of(findings.toDetection());
    }

    private static void describe(SourceTree tree, String path, Findings findings) {
        String folder = Texts.folderOf(path);
        findings.build(folder.isEmpty() ? "docker build -f Dockerfile ."
                : "docker build -f " + path + " " + folder);
        Optional<String> text = Texts.read(tree, path);
        if (text.isEmpty()) {
            findings.error(path + " could not be read", "Check that " + path + " is a readable text file", path);
            return;
        }
        DockerfileInstructions instructions = DockerfileInstructions.parse(text.get());
        String image = instructions.finalImage();
        if (image == null) {
            findings.error(path + " has no FROM instruction", "Start " + path + " with 'FROM <image>:<tag>'", path);
        } else {
            findings.version("baseImage", image);
            if (unpinned(image)) {
                findings.info("Base image " + image + " is not pinned to a version",
                        "Use a tag or digest (FROM " + image.replace(":latest", "") + ":<version>) so builds repeat",
                        path);
            }
        }
        instructions.exposedPorts().forEach(findings::port);
        if (instructions.exposedPorts().isEmpty()) {
            findings.warning(path + " exposes no port",
                    "Add 'EXPOSE <port>' (or set the port in the Katofile) so the gateway can reach the service",
                    path);
        }
        findings.start(instructions.startCommand());
    }

    /** No tag, or {@code latest}; {@code scratch} and ARG-provided images cannot be pinned here. */
    private static boolean unpinned(String image) {
        if (image.equals("scratch") || image.contains("$")) {
            return false;
        }
        String name = image.substring(image.lastIndexOf('/') + 1);
        return !name.contains(":") && !name.contains("@") || name.endsWith(":latest");
    }
}
