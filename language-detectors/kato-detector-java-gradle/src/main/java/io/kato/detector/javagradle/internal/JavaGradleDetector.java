package io.kato.detector.javagradle.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Procfile;
import io.kato.detector.support.Texts;
import io.kato.detector.support.jvm.JavaPins;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Detects a Gradle build from {@code build.gradle(.kts)}, {@code settings.gradle(.kts)} or
 * {@code gradlew} at the root.
 *
 * <ul>
 *   <li>Build: {@code ./gradlew build -x test} (plain {@code gradle} without the wrapper,
 *       which is worth an INFO: the builder's Gradle may not match the scripts), plus
 *       {@code installDist} for the {@code application} plugin.</li>
 *   <li>Start: the Spring Boot jar {@code build/libs/<name>-<version>.jar}, the Quarkus runner,
 *       or the {@code installDist} launcher; a Procfile {@code web:} line wins.</li>
 *   <li>Multi-project: one module per included project that applies one of those plugins.</li>
 *   <li>Port 8080. Versions: {@code java} from the pin files, else the toolchain;
 *       {@code gradle} from the wrapper's distribution URL.</li>
 * </ul>
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + JavaGradleDetector.ID,
        "service.ranking:Integer=88"})
public class JavaGradleDetector implements LanguageDetector {
    static final String ID = "java-gradle";
    static final int PORT = 8080;
    private static final List<String> MARKERS = List.of("build.gradle", "build.gradle.kts", "gradlew",
            "settings.gradle", "settings.gradle.kts");
    private static final String WRAPPER = "gradle/wrapper/gradle-wrapper.properties";
    private static final Pattern WRAPPER_VERSION = Pattern.compile("gradle-(\\d[\\w.-]*?)-(?:bin|all)\\.zip");
    private static final Pattern ROOT_NAME = Pattern.compile("rootProject\\.name\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*include(?!\\w)\\s*\\(?([^\\n]*)");
    private static final Pattern QUOTED = Pattern.compile("[\"']:?([^\"']+)[\"']");

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Java (Gradle)";
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        if (MARKERS.stream().noneMatch(tree::exists)) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID).port(PORT);
        JavaPins.read(tree, findings);
        Texts.read(tree, WRAPPER).flatMap(w -> Texts.find(WRAPPER_VERSION, w))
                .ifPresent(v -> findings.version("gradle", v));
        String gradle = tree.exists("gradlew") ? "./gradlew" : "gradle";
        if (!tree.exists("gradlew")) {
            findings.info("No Gradle wrapper committed; the builder's Gradle version is used",
                    "Run 'gradle wrapper' and commit gradlew and gradle/wrapper/", null);
        }
        String settings = Texts.firstExisting(tree, List.of("settings.gradle", "settings.gradle.kts"))
                .flatMap(p -> Texts.read(tree, p)).orElse("");
        GradleProject root = GradleProject.read(tree, "", Texts.find(ROOT_NAME, settings).orElse(null));
        List<GradleProject> runnable = new ArrayList<>();
        for (String path : includes(settings)) {
            GradleProject sub = GradleProject.read(tree, path.replace(':', '/'),
                    path.substring(path.lastIndexOf(':') + 1));
            if (sub.plugin() != GradleProject.Plugin.NONE) {
                runnable.add(sub);
                findings.module(sub.name(), sub.folder(), gradle + " " + buildTasks(sub, false), sub.startCommand(),
                        List.of());
            }
        }
        Optional.ofNullable(root.java()).or(() -> runnable.stream().map(GradleProject::java)
                .filter(j -> j != null).findFirst()).ifPresent(v -> findings.version("java", v));
        JavaPins.reportUnpinned(findings);
        GradleProject target = runnable.size() == 1 && root.plugin() == GradleProject.Plugin.NONE
                ? runnable.get(0) : root;
        findings.build(gradle + " " + buildTasks(target, target == root));
        Optional<String> procfile = Procfile.startCommand(tree, findings);
        if (procfile.isPresent()) {
            findings.start(procfile.get());
        } else if (runnable.size() > 1 && root.plugin() == GradleProject.Plugin.NONE) {
            findings.info(runnable.size() + " runnable projects; each becomes its own component",
                    "Set the project to deploy in the Katofile if only one of them is a service", null);
        } else {
            findings.start(target.startCommand());
            if (target.plugin() == GradleProject.Plugin.NONE) {
                findings.warning("The jar built by Gradle may not be executable",
                        "Apply the org.springframework.boot or application plugin, or add a Procfile 'web:' line",
                        Texts.join(target.folder(), GradleProject.SCRIPTS.get(0)));
            } else if (!findings.hasStart()) {
                findings.warning("The start command depends on the project name, which Gradle takes from the folder",
                        "Set rootProject.name in settings.gradle, or add a Procfile 'web:' line", "settings.gradle");
            }
        }
        return Optional.of(findings.toDetection());
    }

    /** The tasks that build one project (and install an application's distribution), tests skipped. */
    private static String buildTasks(GradleProject project, boolean root) {
        String task = root ? "" : ":" + project.folder().replace('/', ':') + ":";
        String install = project.plugin() == GradleProject.Plugin.APPLICATION ? " " + task + "installDist" : "";
        return task + "build" + install + " -x test";
    }

    /** Project paths from {@code include} lines: {@code include 'a', ':b:c'} and {@code include("a")}. */
    private static List<String> includes(String settings) {
        List<String> paths = new ArrayList<>();
        Matcher line = INCLUDE.matcher(settings);
        while (line.find()) {
            Matcher quoted = QUOTED.matcher(line.group(1));
            while (quoted.find()) {
                // project paths name folders below the root; anything climbing out is not ours to read
                if (!quoted.group(1).contains("..")) {
                    paths.add(quoted.group(1));
                }
            }
        }
        return paths;
    }
}
