package io.kato.detector.support.jvm;

import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Texts;
import java.util.Properties;

/**
 * Java and build-tool versions pinned by the files every JVM buildpack reads:
 * {@code system.properties} (Heroku, Rainbond), then {@code .java-version} (jenv, asdf),
 * then {@code .sdkmanrc}. Earlier sources win because {@link Findings#version} keeps the
 * first pin of a key.
 */
public final class JavaPins {
    public static final String SYSTEM_PROPERTIES = "system.properties";
    /** The JDK a build gets when the tree pins none; named in the hint so users know. */
    public static final String DEFAULT_JAVA = "17";
    /** Build option naming the servlet container a war runs in (Rainbond's name for it). */
    public static final String WAR_SERVER_ENV = "BUILD_RUNTIMES_SERVER";
    /** The container webapp-runner 9.x embeds. */
    public static final String WAR_SERVER = "tomcat9";

    private JavaPins() {
    }

    /** Records {@code java}, and {@code maven} / {@code gradle} when the files pin them. */
    public static void read(SourceTree tree, Findings findings) {
        Properties system = Texts.properties(tree, SYSTEM_PROPERTIES);
        findings.version("java", system.getProperty("java.runtime.version"));
        findings.version("maven", system.getProperty("maven.version"));
        Texts.firstLine(tree, ".java-version").ifPresent(v -> findings.version("java", v));
        Properties sdkman = Texts.properties(tree, ".sdkmanrc");
        findings.version("java", sdkman.getProperty("java"));
        findings.version("maven", sdkman.getProperty("maven"));
        findings.version("gradle", sdkman.getProperty("gradle"));
    }

    /** An INFO when nothing pinned Java, since builds then silently follow the platform default. */
    public static void reportUnpinned(Findings findings) {
        if (!findings.hasVersion("java")) {
            findings.info("No Java version pinned; JDK " + DEFAULT_JAVA + " is used",
                    "Add 'java.runtime.version=" + DEFAULT_JAVA + "' to system.properties (or a .java-version file)",
                    SYSTEM_PROPERTIES);
        }
    }

    /** The start command for an executable jar; {@code JAVA_OPTS} lets operators size the heap. */
    public static String runJar(String jar) {
        return "java $JAVA_OPTS -jar " + jar;
    }

    /**
     * The start command for a war: webapp-runner embeds the Tomcat named by
     * {@link #WAR_SERVER}, which the builder fetches, as Rainbond does with its war runtime.
     */
    public static String runWar(String war, int port) {
        return "java $JAVA_OPTS -jar webapp-runner.jar --port " + port + " " + war;
    }
}
