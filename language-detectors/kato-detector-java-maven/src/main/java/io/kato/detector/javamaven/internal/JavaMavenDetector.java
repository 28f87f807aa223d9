package io.kato.detector.javamaven.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Procfile;
import io.kato.detector.support.Texts;
import io.kato.detector.support.jvm.JavaPins;
import io.kato.detector.support.xml.XmlFiles;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Detects a Maven build from a root {@code pom.xml}, parsed with XXE protection.
 *
 * <ul>
 *   <li>Build: {@code mvn -B -DskipTests package} ({@code ./mvnw} when the wrapper is
 *       committed); for a multi-module build with one runnable module, only that module and
 *       what it needs ({@code -pl <module> -am}).</li>
 *   <li>Start: {@code java $JAVA_OPTS -jar target/<artifactId>-<version>.jar} (or the
 *       {@code finalName}, the Quarkus runner, a glob when the name is not certain); wars run in
 *       webapp-runner. A Procfile {@code web:} line wins.</li>
 *   <li>Multi-module: one {@link Detection.Module} per runnable module (name = artifactId,
 *       path = module folder), see {@link MavenModules}.</li>
 *   <li>Port 8080 (Spring Boot's default), or {@code server.port} from
 *       {@code src/main/resources/application.properties}.</li>
 *   <li>Versions: {@code java} from the pin files, else the pom's compiler release;
 *       {@code maven} from {@code system.properties}, {@code .sdkmanrc} or the wrapper.</li>
 * </ul>
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + JavaMavenDetector.ID,
        "service.ranking:Integer=90"})
public class JavaMavenDetector implements LanguageDetector {
    static final String ID = "java-maven";
    static final String POM = "pom.xml";
    static final int PORT = 8080;
    private static final String WRAPPER = ".mvn/wrapper/maven-wrapper.properties";
    private static final Pattern WRAPPER_VERSION = Pattern.compile("apache-maven-(\\d[\\w.-]*?)-bin");
    private static final Pattern SERVER_PORT = Pattern.compile("(?m)^\\s*server\\.port\\s*[=:]\\s*(\\d{1,5})\\s*$");

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Java (Maven)";
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        if (!tree.exists(POM)) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID);
        JavaPins.read(tree, findings);
        Texts.read(tree, WRAPPER).flatMap(w -> Texts.find(WRAPPER_VERSION, w))
                .ifPresent(v -> findings.version("maven", v));
        String mvn = tree.exists("mvnw") ? "./mvnw" : "mvn";
        findings.build(mvn + " -B -DskipTests package");
        Optional<String> procfile = Procfile.startCommand(tree, findings);
        Optional<Pom> root = XmlFiles.read(tree, POM, findings).map(d -> Pom.of(d, null));
        String start = root.map(pom -> pom.modules().isEmpty() ? single(tree, pom, findings)
                : multiModule(tree, pom, mvn, findings)).orElse(null);
        root.map(Pom::javaRelease).ifPresent(v -> findings.version("java", v));
        JavaPins.reportUnpinned(findings);
        findings.defaultPort(PORT);
        findings.start(procfile.orElse(start));
        return Optional.of(findings.toDetection());
    }

    /** The port a Spring Boot module sets in its {@code application.properties}, if it is a usable one. */
    private static Optional<Integer> configuredPort(SourceTree tree, String folder) {
        return Texts.read(tree, Texts.join(folder, "src/main/resources/application.properties"))
                .flatMap(p -> Texts.find(SERVER_PORT, p)).map(Integer::parseInt).filter(p -> p > 0 && p < 65536);
    }

    private static String single(SourceTree tree, Pom pom, Findings findings) {
        configuredPort(tree, "").ifPresent(findings::port);
        if (pom.packaging().equals("war")) {
            findings.env(JavaPins.WAR_SERVER_ENV, JavaPins.WAR_SERVER);
            return JavaPins.runWar(pom.artifact(), PORT);
        }
        if (pom.packaging().equals("pom")) {
            findings.warning("pom.xml has packaging 'pom' and no modules, so the build produces nothing to run",
                    "Use packaging jar or war, or list the modules to build in <modules>", POM);
            return null;
        }
        if (pom.launcher() == Pom.Launcher.NONE) {
            findings.warning("The jar built by pom.xml may not be executable",
                    "Add spring-boot-maven-plugin, or a Main-Class manifest entry (maven-jar-plugin <mainClass>)",
                    POM);
        }
        return JavaPins.runJar(pom.artifact());
    }

    private static String multiModule(SourceTree tree, Pom root, String mvn, Findings findings) {
        List<MavenModules.RunnableModule> modules = MavenModules.runnable(tree, root, findings);
        for (MavenModules.RunnableModule m : modules) {
            // Built from the root with its siblings (-am): a module rarely builds alone.
            findings.module(m.name(), m.path(), buildModule(mvn, m), start(m),
                    List.of(configuredPort(tree, m.path()).orElse(PORT)));
        }
        if (modules.stream().anyMatch(m -> m.pom().packaging().equals("war"))) {
            findings.env(JavaPins.WAR_SERVER_ENV, JavaPins.WAR_SERVER);
        }
        if (modules.isEmpty()) {
            findings.warning("No runnable module in this multi-module build",
                    "Add spring-boot-maven-plugin (or a <mainClass> manifest entry) to the module to run", POM);
            return null;
        }
        if (modules.size() > 1) {
            findings.info(modules.size() + " runnable modules; each becomes its own component",
                    "Set the module to deploy in the Katofile if only one of them is a service", POM);
            return null;
        }
        MavenModules.RunnableModule only = modules.get(0);
        findings.build(buildModule(mvn, only));
        configuredPort(tree, only.path()).ifPresent(findings::port);
        return start(only);
    }

    private static String buildModule(String mvn, MavenModules.RunnableModule m) {
        return mvn + " -B -DskipTests -pl " + m.path() + " -am package";
    }

    private static String start(MavenModules.RunnableModule m) {
        return m.pom().packaging().equals("war") ? JavaPins.runWar(m.artifact(), PORT) : JavaPins.runJar(m.artifact());
    }
}
