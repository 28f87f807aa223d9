package io.kato.detector.python.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Procfile;
import io.kato.detector.support.Texts;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Detects Python from {@code requirements.txt}, {@code setup.py}, {@code Pipfile} or
 * {@code pyproject.toml} at the root.
 *
 * <ul>
 *   <li>Package manager ({@code packageManager} version entry) and build: poetry, uv, pipenv
 *       or pip, chosen by their lock and manifest files; a manager whose lock file is missing
 *       gets a WARNING, as installs then drift.</li>
 *   <li>Version {@code python}: {@code .python-version}, {@code runtime.txt},
 *       {@code Pipfile.lock}, then the Pipfile or pyproject constraint; none is an INFO.</li>
 *   <li>Start and port: see {@link PythonStart} (Django 8000, ASGI 8000, others 5000); a
 *       Procfile {@code web:} line wins.</li>
 * </ul>
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + PythonDetector.ID, "service.ranking:Integer=70"})
public class PythonDetector implements LanguageDetector {
    static final String ID = "python";
    static final String DEFAULT_PYTHON = "3.12";
    private static final List<String> MARKERS = List.of("requirements.txt", "setup.py", "Pipfile", "pyproject.toml");
    private static final Pattern RUNTIME_TXT = Pattern.compile("python-(\\d[\\w.]*)");
    private static final Pattern LOCK_VERSION = Pattern.compile("\"python_(?:full_)?version\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MANIFEST_VERSION = Pattern.compile(
            "(?m)^\\s*(?:python_version|requires-python|python)\\s*=\\s*[\"']([^\"']+)[\"']");

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Python";
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        if (MARKERS.stream().noneMatch(tree::exists)) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID);
        String pyproject = Texts.read(tree, "pyproject.toml").orElse("");
        installWith(tree, pyproject, findings);
        readVersion(tree, pyproject, findings);
        Optional<String> procfile = Procfile.startCommand(tree, findings);
        PythonStart.guess(tree, findings, procfile.isPresent());
        procfile.ifPresent(findings::start);
        return Optional.of(findings.toDetection());
    }

    private static void installWith(SourceTree tree, String pyproject, Findings findings) {
        if (tree.exists("poetry.lock") || pyproject.contains("[tool.poetry]")) {
            manager(findings, "poetry", "poetry install --no-root --only main");
            requireLock(tree, findings, "poetry.lock", "poetry lock");
        } else if (tree.exists("uv.lock")) {
            manager(findings, "uv", "uv sync --frozen --no-dev");
        } else if (tree.exists("Pipfile")) {
            boolean locked = tree.exists("Pipfile.lock");
            manager(findings, "pipenv", locked ? "pipenv install --deploy --system" : "pipenv install --system");
            requireLock(tree, findings, "Pipfile.lock", "pipenv lock");
        } else if (tree.exists("requirements.txt")) {
            manager(findings, "pip", "pip install -r requirements.txt");
        } else {
            manager(findings, "pip", "pip install .");
        }
    }

    private static void manager(Findings findings, String name, String build) {
        findings.version("packageManager", name).build(build);
    }

    private static void requireLock(SourceTree tree, Findings findings, String lock, String command) {
        if (!tree.exists(lock)) {
            findings.warning(lock + " is not committed, so every build resolves dependencies anew",
                    "Run '" + command + "' and commit " + lock, lock);
        }
    }

    private static void readVersion(SourceTree tree, String pyproject, Findings findings) {
        Texts.firstLine(tree, ".python-version").ifPresent(v -> findings.version("python", v));
        Texts.firstLine(tree, "runtime.txt").flatMap(t -> Texts.find(RUNTIME_TXT, t))
                .ifPresent(v -> findings.version("python", v));
        // _meta comes first in Pipfile.lock; reading its head spares parsing a large lock file
        tree.read("Pipfile.lock", 8 * 1024).flatMap(t -> Texts.find(LOCK_VERSION, t))
                .ifPresent(v -> findings.version("python", v));
        Texts.read(tree, "Pipfile").flatMap(t -> Texts.find(MANIFEST_VERSION, t))
                .ifPresent(v -> findings.version("python", v));
        Texts.find(MANIFEST_VERSION, pyproject).ifPresent(v -> findings.version("python", v));
        if (!findings.hasVersion("python")) {
            findings.info("No Python version pinned; Python " + DEFAULT_PYTHON + " is used",
                    "Add a .python-version file (e.g. '" + DEFAULT_PYTHON + "') or runtime.txt", ".python-version");
        }
    }
}
