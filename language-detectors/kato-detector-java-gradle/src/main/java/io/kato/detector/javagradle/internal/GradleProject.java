package io.kato.detector.javagradle.internal;

import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Texts;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What detection reads from one Gradle project's build script, Groovy or Kotlin DSL alike.
 * Scripts are programs, so this reads only the conventional literal forms
 * ({@code version = '1.0'}, {@code id 'org.springframework.boot'}); anything computed stays
 * unknown and leads to a glob or a hint rather than a wrong answer.
 *
 * @param folder  the project folder, {@code ""} for the root project
 * @param name    the project name when known, else null
 * @param version the project version when a literal, else null
 * @param plugin  what makes the project start on its own
 * @param java    the Java release of its toolchain or source compatibility, else null
 */
record GradleProject(String folder, String name, String version, Plugin plugin, String java) {
    private static final Pattern VERSION = Pattern.compile("(?m)^\\s*version\\s*=?\\s*[\"']([^\"']+)[\"']");
    private static final Pattern PROPERTY_VERSION = Pattern.compile("(?m)^\\s*version\\s*[=:]\\s*(\\S+)\\s*$");
    private static final Pattern JAVA = Pattern.compile(
            "(?:JavaLanguageVersion\\.of\\(\\s*[\"']?|JavaVersion\\.VERSION_|Compatibility\\s*=\\s*[\"']?)(\\d+(?:[._]\\d+)?)");
    private static final Pattern APPLICATION = Pattern.compile("(?m)id\\s*\\(?\\s*[\"']application[\"']"
            + "|plugin:\\s*[\"']application[\"']|^\\s*application\\s*$|`application`");

    /** What turns the build output into something that starts. */
    enum Plugin { NONE, SPRING_BOOT, QUARKUS, APPLICATION }

    static final List<String> SCRIPTS = List.of("build.gradle", "build.gradle.kts");

    static GradleProject read(SourceTree tree, String folder, String name) {
        String script = Texts.firstExisting(tree, SCRIPTS.stream().map(s -> Texts.join(folder, s)).toList())
                .flatMap(p -> Texts.read(tree, p)).orElse("");
        Optional<String> version = Texts.find(VERSION, script).or(() -> Texts.read(tree,
                Texts.join(folder, "gradle.properties")).flatMap(p -> Texts.find(PROPERTY_VERSION, p)));
        Plugin plugin = script.contains("org.springframework.boot") ? Plugin.SPRING_BOOT
                : script.contains("io.quarkus") ? Plugin.QUARKUS
                : APPLICATION.matcher(script).find() ? Plugin.APPLICATION : Plugin.NONE;
        return new GradleProject(folder, name, version.filter(v -> !v.contains("$")).orElse(null), plugin,
                Texts.find(JAVA, script).map(v -> v.replace('_', '.')).orElse(null));
    }

    /** The command that starts what {@code build} (or {@code installDist}) produced. */
    String startCommand() {
        String out = Texts.join(folder, "build");
        return switch (plugin) {
            case QUARKUS -> "java $JAVA_OPTS -jar " + out + "/quarkus-app/quarkus-run.jar";
            case APPLICATION -> name == null ? null : out + "/install/" + name + "/bin/" + name;
            default -> name == null
                    // Spring Boot also writes a -plain jar that cannot start; skip it
                    ? "java $JAVA_OPTS -jar \"$(ls " + out + "/libs/*.jar | grep -v -- '-plain.jar$' | head -n 1)\""
                    : "java $JAVA_OPTS -jar " + out + "/libs/" + name + (version == null ? "" : "-" + version) + ".jar";
        };
    }
}
