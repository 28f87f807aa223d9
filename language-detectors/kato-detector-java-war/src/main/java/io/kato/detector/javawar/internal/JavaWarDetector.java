package io.kato.detector.javawar.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.api.detect.SourceTree.SourceFile;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Procfile;
import io.kato.detector.support.jvm.JavaPins;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Detects a prebuilt web archive at the root of the tree. Nothing is built; the war runs in
 * an embedded Tomcat (webapp-runner) on port 8080, and the container is reported as the
 * build option {@code BUILD_RUNTIMES_SERVER} (Rainbond's name for the war runtime) so a
 * user can change it without editing commands. A Procfile {@code web:} line wins.
 *
 * <p>With several wars the first by name is served and the user is warned: unlike jars,
 * war sizes say nothing about which one is meant.
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + JavaWarDetector.ID,
        "service.ranking:Integer=94"})
public class JavaWarDetector implements LanguageDetector {
    static final String ID = "java-war";
    static final int PORT = 8080;

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Java (war)";
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        List<String> wars = tree.find(f -> f.path().endsWith(".war") && f.depth() == 0).stream()
                .map(SourceFile::path).sorted().toList();
        if (wars.isEmpty()) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID).port(PORT).env(JavaPins.WAR_SERVER_ENV, JavaPins.WAR_SERVER);
        String war = wars.get(0);
        if (wars.size() > 1) {
            findings.warning(wars.size() + " wars at the root; serving " + war,
                    "Keep only the war to serve at the root, or name it in a Procfile 'web:' line", war);
        }
        JavaPins.read(tree, findings);
        JavaPins.reportUnpinned(findings);
        findings.start(Procfile.startCommand(tree, findings).orElse(JavaPins.runWar(war, PORT)));
        return Optional.of(findings.toDetection());
    }
}
