package io.kato.detector.staticsite.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Procfile;
import io.kato.detector.support.json.JsonFiles;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Detects a static site from {@code index.html} or {@code static.json} at the root. It ranks
 * lowest: many server projects carry an index.html, and the more specific detector should win.
 *
 * <p>Nothing is built and no start command is given: the platform's static web server
 * serves the folder named by the build option {@code BUILD_STATIC_DIR} on port 80, as
 * Rainbond serves static sites with nginx. That folder is the root, or the {@code root} of
 * {@code static.json} (the Heroku static buildpack's file), which must stay inside the tree.
 * A Procfile {@code web:} line still wins.
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + StaticDetector.ID, "service.ranking:Integer=10"})
public class StaticDetector implements LanguageDetector {
    static final String ID = "static";
    static final int PORT = 80;
    static final String STATIC_JSON = "static.json";
    static final String STATIC_DIR_ENV = "BUILD_STATIC_DIR";

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Static site";
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        if (!tree.exists("index.html") && !tree.exists(STATIC_JSON)) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID).port(PORT);
        String root = ".";
        if (tree.exists(STATIC_JSON)) {
            Optional<String> configured = JsonFiles.readObject(tree, STATIC_JSON, findings)
                    .flatMap(json -> JsonFiles.text(json, "/root"));
            if (configured.isPresent() && insideTree(configured.get())) {
                root = configured.get().replaceAll("^\\./|/$", "");
            } else if (configured.isPresent()) {
                findings.error("static.json root '" + configured.get() + "' points outside the repository",
                        "Set \"root\" to a folder inside the repository, e.g. \"public\"", STATIC_JSON);
            }
        }
        String index = root.equals(".") ? "index.html" : root + "/index.html";
        if (!tree.exists(index)) {
            findings.warning(index + " does not exist, so the site has no home page",
                    "Add " + index + ", or set \"root\" in static.json to the folder that has it", index);
        }
        findings.env(STATIC_DIR_ENV, root);
        Procfile.startCommand(tree, findings).ifPresent(findings::start);
        return Optional.of(findings.toDetection());
    }

    private static boolean insideTree(String path) {
        return !path.startsWith("/") && !path.contains("..") && !path.contains("\\") && !path.isBlank();
    }
}
