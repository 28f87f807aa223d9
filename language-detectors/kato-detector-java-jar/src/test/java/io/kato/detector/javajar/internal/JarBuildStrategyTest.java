package io.kato.detector.javajar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.build.BuildContext;
import io.kato.api.build.BuildPlan;
import io.kato.api.detect.MemorySourceTree;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarBuildStrategyTest {
    @TempDir
    Path dir;

    /** A real executable jar: a JDK HTTP server answering on PORT. */
    private byte[] jar() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/hello"));
        Files.writeString(src.resolve("Main.java"), "package hello;\n"
                + "public class Main { public static void main(String[] a) throws Exception {\n"
                + "  var s = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(\"127.0.0.1\","
                + " Integer.parseInt(System.getenv(\"PORT\"))), 0);\n"
                + "  s.createContext(\"/\", x -> { byte[] b = \"jar here\".getBytes(); x.sendResponseHeaders(200, b.length);"
                + " x.getResponseBody().write(b); x.close(); });\n"
                + "  s.start(); } }\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.resolve("Main.java").toString()));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "hello.Main");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new JarEntry("hello/Main.class"));
            out.write(Files.readAllBytes(classes.resolve("hello/Main.class")));
        }
        return bytes.toByteArray();
    }

    @Test
    void aGivenJarRunsAsItIsOnTheInstancesPort() throws Exception {
        byte[] jar = jar();
        MemorySourceTree tree = MemorySourceTree.of(Map.of()).with("app.jar", jar);
        BuildContext context = new BuildContext(tree, new JavaJarDetector().detect(tree).orElseThrow(), Map.of(), "DEV");
        BuildPlan plan = new JarBuildStrategy().plan(context);
        assertTrue(plan.steps().isEmpty(), "nothing to build");
        Path artifact = Files.createDirectories(dir.resolve("artifact"));
        Files.write(artifact.resolve("app.jar"), jar);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(plan.startCommand()).directory(artifact.toFile()).inheritIO();
        pb.environment().put("PORT", Integer.toString(port));
        Process p = pb.start();
        try {
            HttpResponse<String> answer = null;
            for (int i = 0; i < 100 && answer == null; i++) {
                try {
                    answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/")).build(), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertEquals("jar here", answer == null ? null : answer.body());
        } finally {
            p.destroyForcibly();
        }
        assertTrue(plan.container().baseImage().startsWith("eclipse-temurin:"));
    }
}
