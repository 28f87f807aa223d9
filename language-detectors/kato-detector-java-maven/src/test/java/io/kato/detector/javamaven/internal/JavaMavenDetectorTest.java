package io.kato.detector.javamaven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.Detection;
import io.kato.api.detect.MemorySourceTree;
import io.kato.api.detect.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaMavenDetectorTest {
    private static final String BOOT_PLUGIN = """
            <build><plugins><plugin>
              <groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId>
            </plugin></plugins></build>""";

    private final JavaMavenDetector detector = new JavaMavenDetector();

    private Detection detect(Map<String, String> files) {
        return detector.detect(MemorySourceTree.of(files)).orElseThrow();
    }

    private static String pom(String artifactId, String packaging, String body) {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>io.acme</groupId><artifactId>" + artifactId + "</artifactId><version>1.2.0</version>"
                + "<packaging>" + packaging + "</packaging>" + body + "</project>";
    }

    private static List<Problem.Severity> severities(Detection detection) {
        return detection.problems().stream().map(Problem::severity).toList();
    }

    @Test
    void springBootProjectStartsItsJarWithPinnedVersions() {
        Detection detection = detect(Map.of("pom.xml", pom("shop", "jar",
                        "<properties><java.version>17</java.version></properties>" + BOOT_PLUGIN),
                "mvnw", "#!/bin/sh", "system.properties", "java.runtime.version=21\n",
                ".mvn/wrapper/maven-wrapper.properties",
                "distributionUrl=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.6/apache-maven-3.9.6-bin.zip\n",
                "src/main/resources/application.properties", "server.port=9090\n"));
        assertEquals("java-maven", detection.language());
        assertEquals(Map.of("java", "21", "maven", "3.9.6"), detection.versions());
        assertEquals("./mvnw -B -DskipTests package", detection.buildCommand());
        assertEquals("java $JAVA_OPTS -jar target/shop-1.2.0.jar", detection.startCommand());
        assertEquals(List.of(9090), detection.ports());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
        assertTrue(detection.modules().isEmpty());
    }

    @Test
    void finalNameAndCiFriendlyVersionAreResolvedFromProperties() {
        Detection detection = detect(Map.of("pom.xml", "<project><artifactId>svc</artifactId><version>${revision}"
                + "</version><properties><revision>2.0.1</revision><maven.compiler.release>17</maven.compiler.release>"
                + "</properties><build><finalName>${project.artifactId}-${project.version}-exec</finalName><plugins>"
                + "<plugin><artifactId>maven-jar-plugin</artifactId><configuration><archive><manifest>"
                + "<mainClass>io.acme.Main</mainClass></manifest></archive></configuration></plugin></plugins></build>"
                + "</project>"));
        assertEquals("java $JAVA_OPTS -jar target/svc-2.0.1-exec.jar", detection.startCommand());
        assertEquals("mvn -B -DskipTests package", detection.buildCommand());
        assertEquals("17", detection.versions().get("java"));
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void unresolvablePlaceholderFallsBackToAGlob() {
        Detection detection = detect(Map.of("pom.xml", "<project><artifactId>a</artifactId><version>${sha1}</version>"
                + BOOT_PLUGIN + "</project>", ".java-version", "17"));
        assertEquals("java $JAVA_OPTS -jar target/*.jar", detection.startCommand());
    }

    @Test
    void pluginManagementAloneDoesNotMakeTheJarExecutable() {
        Detection detection = detect(Map.of("pom.xml", pom("lib", "jar", "<build><pluginManagement>"
                + BOOT_PLUGIN.replace("<build>", "").replace("</build>", "") + "</pluginManagement></build>"),
                ".java-version", "17"));
        assertEquals(List.of(Problem.Severity.WARNING), severities(detection));
        assertTrue(detection.problems().get(0).hint().contains("spring-boot-maven-plugin"));
    }

    @Test
    void multiModuleBuildYieldsOneModulePerRunnableModule() {
        Map<String, String> files = new HashMap<>();
        files.put("pom.xml", pom("parent", "pom",
                "<modules><module>api</module><module>lib</module><module>web</module><module>gone</module>"
                        + "<module>../outside</module></modules>"));
        files.put("api/pom.xml", pom("shop-api", "jar", BOOT_PLUGIN));
        files.put("lib/pom.xml", pom("shop-lib", "jar", ""));
        files.put("web/pom.xml", pom("shop-web", "war", ""));
        files.put("api/src/main/resources/application.properties", "server.port=9090\n");
        files.put(".java-version", "17");
        Detection detection = detect(files);
        assertEquals(List.of(
                new Detection.Module("shop-api", "api", "mvn -B -DskipTests -pl api -am package",
                        "java $JAVA_OPTS -jar api/target/shop-api-1.2.0.jar", List.of(9090)),
                new Detection.Module("shop-web", "web", "mvn -B -DskipTests -pl web -am package",
                        "java $JAVA_OPTS -jar webapp-runner.jar --port 8080 web/target/shop-web-1.2.0.war",
                        List.of(8080))), detection.modules(), "each module with its own commands and port");
        assertNull(detection.startCommand());
        assertEquals("mvn -B -DskipTests package", detection.buildCommand());
        assertEquals("tomcat9", detection.env().get("BUILD_RUNTIMES_SERVER"));
        assertEquals(List.of(Problem.Severity.WARNING, Problem.Severity.INFO), severities(detection));
        assertTrue(detection.problems().get(0).message().contains("gone/pom.xml"));
    }

    @Test
    void singleRunnableModuleIsBuiltAloneAndStarted() {
        Detection detection = detect(Map.of("pom.xml", pom("parent", "pom",
                        "<modules><module>services/api</module><module>common</module></modules>"),
                "services/api/pom.xml", "<project><parent><version>3.1.0</version></parent><artifactId>api</artifactId>"
                        + BOOT_PLUGIN + "</project>",
                "common/pom.xml", pom("common", "jar", ""), ".java-version", "17"));
        assertEquals(List.of(new Detection.Module("api", "services/api", detection.buildCommand(),
                detection.startCommand(), List.of(8080))), detection.modules());
        assertEquals("mvn -B -DskipTests -pl services/api -am package", detection.buildCommand());
        assertEquals("java $JAVA_OPTS -jar services/api/target/api-3.1.0.jar", detection.startCommand());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void multiModuleBuildWithoutRunnableModuleWarns() {
        Detection detection = detect(Map.of("pom.xml", pom("p", "pom", "<modules><module>lib</module></modules>"),
                "lib/pom.xml", pom("lib", "jar", ""), ".java-version", "17"));
        assertTrue(detection.modules().isEmpty());
        assertEquals(List.of(Problem.Severity.WARNING), severities(detection));
    }

    @Test
    void malformedPomIsAnErrorWithItsLine() {
        Detection detection = detect(Map.of("pom.xml", "<project>\n<artifactId>a</artifactId>\n<version>\n</project>",
                ".java-version", "17"));
        assertEquals(List.of(Problem.Severity.ERROR), severities(detection));
        Problem problem = detection.problems().get(0);
        assertEquals("pom.xml", problem.file());
        assertEquals(4, problem.line());
        assertTrue(problem.message().contains("pom.xml"));
        assertEquals("mvn -B -DskipTests package", detection.buildCommand());
    }

    @Test
    void externalEntityInPomIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("passwd");
        Files.writeString(secret, "root:x:0:0:SECRET-PAYLOAD");
        String pom = "<?xml version=\"1.0\"?>\n<!DOCTYPE project [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<project><artifactId>&xxe;</artifactId><version>1</version>" + BOOT_PLUGIN + "</project>";
        Detection detection = detect(Map.of("pom.xml", pom, ".java-version", "17"));
        assertFalse(detection.toString().contains("SECRET-PAYLOAD"), detection.toString());
        assertEquals(List.of(Problem.Severity.ERROR), severities(detection));
        assertTrue(detection.problems().get(0).hint().contains("DOCTYPE"));
        assertNull(detection.startCommand());
    }

    @Test
    void treeWithoutRootPomIsNotMaven() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of("sub/pom.xml", pom("a", "jar", "")))));
    }
}
