package io.kato.detector.python.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.Detection;
import io.kato.api.detect.MemorySourceTree;
import io.kato.api.detect.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PythonDetectorTest {
    private final PythonDetector detector = new PythonDetector();

    private Detection detect(Map<String, String> files) {
        return detector.detect(MemorySourceTree.of(files)).orElseThrow();
    }

    private static List<Problem.Severity> severities(Detection detection) {
        return detection.problems().stream().map(Problem::severity).toList();
    }

    @Test
    void djangoWithGunicornServesItsWsgiModuleOnPort8000() {
        Detection detection = detect(Map.of("requirements.txt", "Django==5.0.4\ngunicorn>=21\n",
                "manage.py", "", "shop/wsgi.py", "", "shop/settings.py", "", ".python-version", "3.12.3\n"));
        assertEquals("python", detection.language());
        assertEquals(Map.of("python", "3.12.3", "packageManager", "pip"), detection.versions());
        assertEquals("pip install -r requirements.txt", detection.buildCommand());
        assertEquals("gunicorn shop.wsgi --bind 0.0.0.0:8000", detection.startCommand());
        assertEquals(List.of(8000), detection.ports());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void djangoWithoutGunicornUsesRunserver() {
        Detection detection = detect(Map.of("requirements.txt", "django\n", "manage.py", "",
                "runtime.txt", "python-3.11.9\n"));
        assertEquals("python manage.py runserver 0.0.0.0:8000", detection.startCommand());
        assertEquals("3.11.9", detection.versions().get("python"));
    }

    @Test
    void flaskAppOnPort5000() {
        Detection detection = detect(Map.of("requirements.txt", "flask\ndjango-environ\n", "app.py", "",
                ".python-version", "3.12"));
        assertEquals("python app.py", detection.startCommand());
        assertEquals(List.of(5000), detection.ports());
    }

    @Test
    void fastApiWithPoetryRunsUvicornOnPort8000() {
        Detection detection = detect(Map.of("pyproject.toml", """
                [tool.poetry]
                name = "api"
                [tool.poetry.dependencies]
                python = "^3.11"
                fastapi = "^0.110"
                uvicorn = {extras = ["standard"], version = "^0.29"}
                """, "poetry.lock", "", "main.py", ""));
        assertEquals("poetry", detection.versions().get("packageManager"));
        assertEquals("^3.11", detection.versions().get("python"));
        assertEquals("poetry install --no-root --only main", detection.buildCommand());
        assertEquals("uvicorn main:app --host 0.0.0.0 --port 8000", detection.startCommand());
        assertEquals(List.of(8000), detection.ports());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void pipenvWithoutLockWarnsAndPipfileLockPinsPython() {
        Detection unlocked = detect(Map.of("Pipfile", "[packages]\nflask = \"*\"\n", "app.py", ""));
        assertEquals("pipenv install --system", unlocked.buildCommand());
        assertEquals(List.of(Problem.Severity.WARNING, Problem.Severity.INFO), severities(unlocked));
        Detection locked = detect(Map.of("Pipfile", "[packages]\nflask = \"*\"\n", "app.py", "",
                "Pipfile.lock", "{\"_meta\": {\"requires\": {\"python_version\": \"3.10\"}}, \"default\": {}}"));
        assertEquals("pipenv install --deploy --system", locked.buildCommand());
        assertEquals("3.10", locked.versions().get("python"));
        assertTrue(locked.problems().isEmpty(), locked.problems().toString());
    }

    @Test
    void pythonWithoutPinnedVersionIsAnInfo() {
        Detection detection = detect(Map.of("requirements.txt", "flask\ngunicorn\n", "wsgi.py", ""));
        assertEquals("gunicorn wsgi:app --bind 0.0.0.0:5000", detection.startCommand());
        assertEquals(List.of(Problem.Severity.INFO), severities(detection));
        assertFalse(detection.versions().containsKey("python"));
    }

    @Test
    void noEntryModuleIsAWarningUnlessAProcfileSaysHow() {
        Detection bare = detect(Map.of("setup.py", "from setuptools import setup", ".python-version", "3.12"));
        assertEquals("pip install .", bare.buildCommand());
        assertNull(bare.startCommand());
        assertEquals(List.of(Problem.Severity.WARNING), severities(bare));
        Detection procfile = detect(Map.of("setup.py", "", ".python-version", "3.12",
                "Procfile", "web: gunicorn pkg.app:app\nworker: celery worker\n"));
        assertEquals("gunicorn pkg.app:app", procfile.startCommand());
        assertTrue(procfile.problems().isEmpty(), procfile.problems().toString());
    }

    @Test
    void treeWithoutPythonManifestIsNotPython() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of("app.py", "", "lib/requirements.txt", ""))));
    }
}
