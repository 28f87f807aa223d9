package io.kato.detector.dockerfile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.Detection;
import io.kato.api.detect.MemorySourceTree;
import io.kato.api.detect.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerfileDetectorTest {
    private final DockerfileDetector detector = new DockerfileDetector();

    private Detection detect(Map<String, String> files) {
        return detector.detect(MemorySourceTree.of(files)).orElseThrow();
    }

    private static List<Problem.Severity> severities(Detection detection) {
        return detection.problems().stream().map(Problem::severity).toList();
    }

    @Test
    void rootDockerfileGivesBaseImagePortsAndStartCommand() {
        Detection detection = detect(Map.of("Dockerfile", """
                # build stage
                FROM maven:3.9-eclipse-temurin-17 AS build
                RUN mvn -B package \\
                    -DskipTests
                FROM eclipse-temurin:17-jre
                ENV PORT=8081 OTHER=x
                EXPOSE $PORT 9090/udp
                ENTRYPOINT ["java", "-jar"]
                CMD ["app.jar"]
                """, "src/Main.java", "class Main {}"));
        assertEquals("dockerfile", detection.language());
        assertEquals(Map.of("baseImage", "eclipse-temurin:17-jre"), detection.versions());
        assertEquals(List.of(8081, 9090), detection.ports());
        assertEquals("java -jar app.jar", detection.startCommand());
        assertEquals("docker build -f Dockerfile .", detection.buildCommand());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
        assertTrue(detection.modules().isEmpty());
    }

    @Test
    void treeWithoutDockerfileWithinTwoFoldersIsNotDockerfile() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of(
                "a/b/c/Dockerfile", "FROM alpine:3", "Dockerfile.dev", "FROM alpine:3", "index.html", ""))));
    }

    @Test
    void dockerfileTwoFoldersDeepIsBuiltFromItsFolder() {
        Detection detection = detect(Map.of("deploy/api/Dockerfile", "FROM node:20\nEXPOSE 3000\nCMD npm start\n"));
        assertEquals("docker build -f deploy/api/Dockerfile deploy/api", detection.buildCommand());
        assertEquals("npm start", detection.startCommand());
        assertEquals(List.of(3000), detection.ports());
    }

    @Test
    void rootDockerfileWinsOverNestedOnes() {
        Detection detection = detect(Map.of("Dockerfile", "FROM nginx:1.27\nEXPOSE 80\n",
                "dev/Dockerfile", "FROM node:20\nEXPOSE 3000\n"));
        assertEquals(List.of(80), detection.ports());
        assertTrue(detection.modules().isEmpty());
    }

    @Test
    void severalNestedDockerfilesBecomeOneModuleEach() {
        Detection detection = detect(Map.of("services/api/Dockerfile", "FROM a:1", "web/Dockerfile", "FROM b:1"));
        assertEquals(List.of(new Detection.Module("services-api", "services/api"), new Detection.Module("web", "web")),
                detection.modules());
        assertEquals(List.of(Problem.Severity.INFO), severities(detection));
    }

    @Test
    void dockerfileWithoutExposeIsAWarningAndKeepsTheImageCommand() {
        Detection detection = detect(Map.of("Dockerfile", "FROM python:3.12-slim\nRUN pip install x\n"));
        assertEquals(List.of(Problem.Severity.WARNING), severities(detection));
        assertTrue(detection.problems().get(0).hint().contains("EXPOSE"));
        assertTrue(detection.ports().isEmpty());
        assertNull(detection.startCommand());
    }

    @Test
    void dockerfileWithoutFromIsAnError() {
        Detection detection = detect(Map.of("Dockerfile", "RUN echo hi\nEXPOSE 80\n"));
        assertEquals(List.of(Problem.Severity.ERROR), severities(detection));
        assertEquals("Dockerfile", detection.problems().get(0).file());
    }

    @Test
    void unpinnedBaseImageIsAnInfo() {
        Detection detection = detect(Map.of("Dockerfile", "FROM registry.local:5000/team/app\nEXPOSE 80\n"));
        assertEquals(List.of(Problem.Severity.INFO), severities(detection));
        Detection latest = detect(Map.of("Dockerfile", "FROM node:latest\nEXPOSE 80\n"));
        assertEquals(List.of(Problem.Severity.INFO), severities(latest));
        Detection scratch = detect(Map.of("Dockerfile", "FROM scratch\nEXPOSE 80\n"));
        assertTrue(scratch.problems().isEmpty());
    }
}
