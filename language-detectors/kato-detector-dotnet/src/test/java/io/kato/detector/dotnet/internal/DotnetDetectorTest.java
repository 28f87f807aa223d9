package io.kato.detector.dotnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.Detection;
import io.kato.api.detect.MemorySourceTree;
import io.kato.api.detect.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotnetDetectorTest {
    private static final String WEB = """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <AssemblyName>Shop.Api</AssemblyName>
              </PropertyGroup>
            </Project>
            """;
    private static final String TESTS = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.9.0" /></ItemGroup>
            </Project>
            """;
    private final DotnetDetector detector = new DotnetDetector();

    private Detection detect(Map<String, String> files) {
        return detector.detect(MemorySourceTree.of(files)).orElseThrow();
    }

    private static List<Problem.Severity> severities(Detection detection) {
        return detection.problems().stream().map(Problem::severity).toList();
    }

    @Test
    void webProjectInSrcIsPublishedAndStartedOnPort8080() {
        Detection detection = detect(Map.of("Shop.sln", "", "global.json", "{\"sdk\": {\"version\": \"8.0.204\"}}",
                "src/Shop.Api/Shop.Api.csproj", WEB, "tests/Shop.Tests/Shop.Tests.csproj", TESTS));
        assertEquals("dotnet", detection.language());
        assertEquals(Map.of("dotnet-sdk", "8.0.204", "targetFramework", "net8.0"), detection.versions());
        assertEquals("dotnet publish src/Shop.Api/Shop.Api.csproj -c Release -o out", detection.buildCommand());
        assertEquals("dotnet out/Shop.Api.dll --urls http://0.0.0.0:8080", detection.startCommand());
        assertEquals(List.of(8080), detection.ports());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
        assertTrue(detection.modules().isEmpty());
    }

    @Test
    void multiTargetProjectPublishesItsHighestFramework() {
        Detection detection = detect(Map.of("Tool.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>"
                + "<OutputType>Exe</OutputType><TargetFrameworks>net10.0;net8.0;netstandard2.0</TargetFrameworks>"
                + "</PropertyGroup></Project>"));
        assertEquals("net10.0", detection.versions().get("targetFramework"));
        assertEquals("dotnet publish Tool.csproj -c Release -o out -f net10.0", detection.buildCommand());
        assertEquals("dotnet out/Tool.dll", detection.startCommand());
    }

    @Test
    void severalRunnableProjectsBecomeModules() {
        Detection detection = detect(Map.of("App.sln", "", "src/Api/Api.csproj", WEB.replace("Shop.Api", "Api"),
                "src/Worker/Worker.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Worker\"><PropertyGroup>"
                        + "<OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"));
        assertEquals(List.of(new Detection.Module("Api", "src/Api"), new Detection.Module("Worker", "src/Worker")),
                detection.modules());
        assertNull(detection.startCommand());
        assertEquals(List.of(Problem.Severity.INFO), severities(detection));
    }

    @Test
    void onlyTestProjectsIsAWarning() {
        Detection detection = detect(Map.of("Tests.csproj", TESTS));
        assertEquals(List.of(Problem.Severity.WARNING), severities(detection));
        assertNull(detection.startCommand());
    }

    @Test
    void malformedGlobalJsonAndProjectAreErrors() {
        Detection detection = detect(Map.of("global.json", "{\"sdk\": {\"version\": 8.0.1}}",
                "App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup></Project>"));
        List<Problem> errors = detection.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
        assertEquals(List.of("global.json", "App.csproj"), errors.stream().map(Problem::file).toList());
    }

    @Test
    void externalEntityInProjectIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "CSPROJ-SECRET");
        Detection detection = detect(Map.of("App.csproj", "<!DOCTYPE Project [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]><Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><AssemblyName>&x;</AssemblyName>"
                + "</PropertyGroup></Project>"));
        assertFalse(detection.toString().contains("CSPROJ-SECRET"), detection.toString());
        assertTrue(severities(detection).contains(Problem.Severity.ERROR));
    }

    @Test
    void treeWithoutSolutionOrNearbyProjectIsNotDotnet() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of("a/b/c/Deep.csproj", WEB,
                "README.md", ""))));
    }
}
