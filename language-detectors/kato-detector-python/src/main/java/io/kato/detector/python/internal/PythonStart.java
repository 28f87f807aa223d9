package io.kato.detector.python.internal;

import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Texts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Guesses how a Python service starts and on which port, from its framework. Dependencies
 * are matched as whole package names in the manifests, so {@code django-environ} alone
 * does not make a Django project.
 *
 * <ul>
 *   <li>Django ({@code manage.py}): gunicorn on the project's {@code wsgi} module when gunicorn
 *       is a dependency, else {@code manage.py runserver}; port 8000.</li>
 *   <li>ASGI (fastapi, starlette, uvicorn): {@code uvicorn <module>:app}; port 8000.</li>
 *   <li>Others (Flask…): gunicorn {@code <module>:app} or {@code python <module>.py}; port 5000.</li>
 * </ul>
 */
final class PythonStart {
    static final int DJANGO_PORT = 8000;
    static final int ASGI_PORT = 8000;
    static final int DEFAULT_PORT = 5000;
    private static final List<String> ENTRY_MODULES = List.of("app", "main", "wsgi", "server", "application");

    private PythonStart() {
    }

    /** Sets port and start command; the start command only when no Procfile gives one. */
    static void guess(SourceTree tree, Findings findings, boolean procfile) {
        String deps = String.join("\n", Texts.read(tree, "requirements.txt").orElse(""),
                Texts.read(tree, "Pipfile").orElse(""), Texts.read(tree, "pyproject.toml").orElse(""),
                Texts.read(tree, "setup.py").orElse("")).toLowerCase(Locale.ROOT);
        boolean gunicorn = dependsOn(deps, "gunicorn");
        String start;
        if (tree.exists("manage.py")) {
            findings.port(DJANGO_PORT);
            Optional<String> wsgi = tree.find(f -> f.path().endsWith("/wsgi.py") && f.depth() == 1).stream()
                    .map(f -> Texts.folderOf(f.path())).sorted().findFirst();
            start = gunicorn && wsgi.isPresent()
                    ? "gunicorn " + wsgi.get() + ".wsgi --bind 0.0.0.0:" + DJANGO_PORT
                    : "python manage.py runserver 0.0.0.0:" + DJANGO_PORT;
        } else {
            Optional<String> module = ENTRY_MODULES.stream().filter(m -> tree.exists(m + ".py")).findFirst();
            boolean asgi = dependsOn(deps, "fastapi") || dependsOn(deps, "starlette") || dependsOn(deps, "uvicorn");
            int port = asgi ? ASGI_PORT : DEFAULT_PORT;
            findings.port(port);
            start = module.map(m -> asgi ? "uvicorn " + m + ":app --host 0.0.0.0 --port " + port
                    : gunicorn ? "gunicorn " + m + ":app --bind 0.0.0.0:" + port
                    : "python " + m + ".py").orElse(null);
        }
        if (!procfile) {
            findings.start(start);
            if (start == null) {
                findings.warning("No start command found (no manage.py, app.py or main.py at the root)",
                        "Add a Procfile with a 'web:' line, e.g. 'web: gunicorn mypkg.app:app'", "Procfile");
            }
        }
    }

    /** A whole package name: not a prefix of {@code django-environ} nor a suffix of {@code flask-x}. */
    static boolean dependsOn(String manifests, String name) {
        return Pattern.compile("(?<![\\w.-])" + Pattern.quote(name) + "(?![\\w-])").matcher(manifests).find();
    }
}
