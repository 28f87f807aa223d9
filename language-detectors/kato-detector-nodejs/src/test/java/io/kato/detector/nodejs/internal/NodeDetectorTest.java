package io.kato.detector.nodejs.internal;

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

class NodeDetectorTest {
    private final NodeDetector detector = new NodeDetector();

    private Detection detect(Map<String, String> files) {
        return detector.detect(MemorySourceTree.of(files)).orElseThrow();
    }

    private static List<Problem.Severity> severities(Detection detection) {
        return detection.problems().stream().map(Problem::severity).toList();
    }

    @Test
    void expressServerInstallsFromItsLockAndStartsWithNpm() {
        Detection detection = detect(Map.of("package.json", """
                {"name": "api", "engines": {"node": ">=20 <21", "npm": "10.x"},
                 "scripts": {"build": "tsc", "start": "PORT=4000 node dist/server.js"},
                 "dependencies": {"express": "^4.19.2"}}
                """, "package-lock.json", "{}"));
        assertEquals("nodejs", detection.language());
        assertEquals(Map.of("node", ">=20 <21", "packageManager", "npm", "npm", "10.x"), detection.versions());
        assertEquals("npm ci && npm run build", detection.buildCommand());
        assertEquals("npm start", detection.startCommand());
        assertEquals(List.of(4000), detection.ports());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void pnpmLockWinsOverYarnLockAndTheExtraLockIsAWarning() {
        Detection detection = detect(Map.of("package.json", "{\"main\": \"./index.js\", \"packageManager\": "
                        + "\"pnpm@8.15.4+sha256.abc\"}", "pnpm-lock.yaml", "", "yarn.lock", "", "index.js", "",
                ".nvmrc", "v20.12.2\n"));
        assertEquals("pnpm", detection.versions().get("packageManager"));
        assertEquals("8.15.4", detection.versions().get("pnpm"));
        assertEquals("v20.12.2", detection.versions().get("node"));
        assertEquals("pnpm install --frozen-lockfile", detection.buildCommand());
        assertEquals("node index.js", detection.startCommand());
        assertEquals(List.of(3000), detection.ports());
        assertEquals(List.of(Problem.Severity.WARNING), severities(detection));
        assertEquals("yarn.lock", detection.problems().get(0).file());
    }

    @Test
    void yarnBerryInstallsImmutably() {
        Detection detection = detect(Map.of("package.json", "{\"packageManager\": \"yarn@4.1.1\", \"scripts\": "
                + "{\"start\": \"node server.js --port 8081\"}}", "yarn.lock", "", ".node-version", "20"));
        assertEquals("yarn install --immutable", detection.buildCommand());
        assertEquals("yarn start", detection.startCommand());
        assertEquals(List.of(8081), detection.ports());
    }

    @Test
    void missingLockFileIsAWarningWithAHint() {
        Detection detection = detect(Map.of("package.json", "{\"engines\": {\"node\": \"20\"}}", "server.js", ""));
        assertEquals("npm install", detection.buildCommand());
        assertEquals("node server.js", detection.startCommand());
        assertEquals(List.of(Problem.Severity.WARNING), severities(detection));
        assertTrue(detection.problems().get(0).hint().contains("package-lock.json"));
    }

    @Test
    void packageManagerFieldThatContradictsTheLockIsAWarning() {
        Detection detection = detect(Map.of("package.json", "{\"packageManager\": \"pnpm@9.0.0\", "
                + "\"engines\": {\"node\": \"20\"}, \"scripts\": {\"start\": \"node .\"}}", "package-lock.json", "{}"));
        assertEquals("npm", detection.versions().get("packageManager"));
        assertEquals(List.of(Problem.Severity.WARNING), severities(detection));
    }

    @Test
    void malformedPackageJsonIsAnErrorAndDetectionGoesOn() {
        Detection detection = detect(Map.of("package.json", "{\"name\": \"x\", \"scripts\": {\"start\": }",
                "package-lock.json", "{}", "app.js", "", ".nvmrc", "20"));
        assertEquals("nodejs", detection.language());
        assertEquals(List.of(Problem.Severity.ERROR), severities(detection));
        assertEquals("package.json", detection.problems().get(0).file());
        assertEquals("node app.js", detection.startCommand());
    }

    @Test
    void viteAppIsNodeStaticServedFromDist() {
        Detection detection = detect(Map.of("package.json", """
                {"scripts": {"dev": "vite", "build": "vite build", "preview": "vite preview"},
                 "dependencies": {"vue": "^3.4"}, "devDependencies": {"vite": "^5.2"},
                 "engines": {"node": "20"}}
                """, "package-lock.json", "{}"));
        assertEquals("node-static", detection.language());
        assertEquals("npm ci && npm run build", detection.buildCommand());
        assertNull(detection.startCommand());
        assertEquals(List.of(80), detection.ports());
        assertEquals(Map.of("BUILD_STATIC_DIR", "dist"), detection.env());
    }

    @Test
    void createReactAppWithItsDevServerStartIsNodeStaticServedFromBuild() {
        Detection detection = detect(Map.of("package.json", "{\"scripts\": {\"start\": \"react-scripts start\", "
                + "\"build\": \"react-scripts build\"}, \"dependencies\": {\"react\": \"18\", \"react-scripts\": \"5\"}}",
                "yarn.lock", "", ".nvmrc", "18"));
        assertEquals("node-static", detection.language());
        assertEquals("yarn install --frozen-lockfile && yarn run build", detection.buildCommand());
        assertEquals(Map.of("BUILD_STATIC_DIR", "build"), detection.env());
    }

    @Test
    void nextJsWithAServerStartStaysNodejs() {
        Detection detection = detect(Map.of("package.json", "{\"scripts\": {\"build\": \"next build\", "
                + "\"start\": \"next start -p 3001\"}, \"dependencies\": {\"next\": \"14\", \"react\": \"18\"}}",
                "package-lock.json", "{}", ".nvmrc", "20"));
        assertEquals("nodejs", detection.language());
        assertEquals("npm start", detection.startCommand());
        assertEquals(List.of(3001), detection.ports());
    }

    @Test
    void noStartScriptMainOrEntryFileIsAWarning() {
        Detection detection = detect(Map.of("package.json", "{\"engines\": {\"node\": \"20\"}}", "package-lock.json", ""));
        assertNull(detection.startCommand());
        assertEquals(List.of(Problem.Severity.WARNING), severities(detection));
    }

    @Test
    void treeWithoutRootPackageJsonIsNotNode() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of("web/package.json", "{}"))));
    }
}
