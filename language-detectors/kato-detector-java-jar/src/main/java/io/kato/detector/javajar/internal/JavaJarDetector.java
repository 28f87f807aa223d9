package io.kato.detector.javajar.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.api.detect.SourceTree.SourceFile;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Procfile;
import io.kato.detector.support.jvm.JavaPins;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Detects a prebuilt executable jar at the root of the tree (CI output pushed as is).
 * Nothing is built; the start command is {@code java $JAVA_OPTS -jar <jar>} unless a
 * Procfile says otherwise, and the port is 8080, the default of Spring Boot, Quarkus and
 * most embedded servers. Java is pinned by {@code system.properties}, {@code .java-version}
 * or {@code .sdkmanrc}.
 *
 * <p>With several jars the largest one is started, since a runnable fat jar is almost always
 * bigger than the thin or sources jars beside it; ties go to the first name, so the choice is
 * the same on every check, and the user is warned.
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + JavaJarDetector.ID,
        "service.ranking:Integer=95"})
public class JavaJarDetector implements LanguageDetector {
    static final String ID = "java-jar";
    static final int PORT = 8080;

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Java (jar)";
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        List<SourceFile> jars = tree.find(f -> f.path().endsWith(".jar") && f.depth() == 0
                && !f.fileName().endsWith("-sources.jar") && !f.fileName().endsWith("-javadoc.jar")).stream()
                .sorted(Comparator.comparingLong(SourceFile::size).reversed().thenComparing(SourceFile::path))
                .toList();
        if (jars.isEmpty()) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID).port(PORT);
        String jar = jars.get(0).path();
        if (jars.size() > 1) {
            findings.warning(jars.size() + " jars at the root; starting " + jar + ", the largest",
                    "Keep only the runnable jar at the root, or name it in a Procfile 'web:' line", jar);
        }
        JavaPins.read(tree, findings);
        JavaPins.reportUnpinned(findings);
        findings.start(Procfile.startCommand(tree, findings).orElse(JavaPins.runJar(jar)));
        return Optional.of(findings.toDetection());
    }
}
