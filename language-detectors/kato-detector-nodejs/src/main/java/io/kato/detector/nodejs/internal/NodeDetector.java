package io.kato.detector.nodejs.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Procfile;
import io.kato.detector.support.Texts;
import io.kato.detector.support.json.JsonFiles;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Detects Node.js from a root {@code package.json}. A front-end project whose build output
 * is static files (see {@link FrontEnd}) is reported as language {@code node-static}.
 *
 * <ul>
 *   <li>Package manager: decided by the lock file, see {@link PackageManager}; reported as
 *       the {@code packageManager} version entry, with its own version when pinned.</li>
 *   <li>Build: the frozen install, then {@code <pm> run build} when there is a build script.</li>
 *   <li>Start (Node.js): Procfile {@code web:}, else {@code <pm> start}, else {@code node <main>}
 *       or {@code node server.js}/{@code index.js}/{@code app.js}; port 3000, or the port the
 *       start script plainly sets ({@code PORT=8081}, {@code --port 8081}).</li>
 *   <li>Node static: no start command (the platform's static web server serves
 *       {@code BUILD_STATIC_DIR}), port 80.</li>
 *   <li>Version {@code node}: {@code engines.node}, {@code .nvmrc}, {@code .node-version};
 *       none is an INFO.</li>
 * </ul>
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + NodeDetector.ID, "service.ranking:Integer=60"})
public class NodeDetector implements LanguageDetector {
    static final String ID = "nodejs";
    static final String STATIC_ID = "node-static";
    static final int PORT = 3000;
    static final int STATIC_PORT = 80;
    static final String STATIC_DIR_ENV = "BUILD_STATIC_DIR";
    private static final Pattern SCRIPT_PORT = Pattern.compile("(?:\\bPORT=|--port[=\\s]+|-p\\s+)(\\d{2,5})\\b");
    private static final List<String> ENTRY_FILES = List.of("server.js", "index.js", "app.js", "main.js");

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Node.js";
    }

    @Override
    public Set<String> variants() {
        return Set.of(STATIC_ID);
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        if (!tree.exists("package.json")) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID);
        PackageJson pkg = JsonFiles.readObject(tree, "package.json", findings).map(PackageJson::of)
                .orElse(PackageJson.EMPTY);
        PackageManager pm = PackageManager.choose(tree, pkg, findings);
        findings.version("packageManager", pm.name());
        findings.version(pm.name(), pkg.managerName().filter(pm.name()::equals).flatMap(n -> pkg.managerVersion())
                .orElse(pkg.engines().get(pm.name())));
        findings.version("node", pkg.engines().get("node"));
        Texts.firstLine(tree, ".nvmrc").ifPresent(v -> findings.version("node", v));
        Texts.firstLine(tree, ".node-version").ifPresent(v -> findings.version("node", v));
        if (!findings.hasVersion("node")) {
            findings.info("No Node.js version pinned; the current LTS is used",
                    "Set \"engines\": {\"node\": \"20.x\"} in package.json, or add an .nvmrc", "package.json");
        }
        findings.build(pkg.script("build").map(b -> pm.install() + " && " + pm.run("build")).orElse(pm.install()));
        Optional<String> procfile = Procfile.startCommand(tree, findings);
        Optional<FrontEnd> frontEnd = FrontEnd.of(pkg);
        if (frontEnd.isPresent()) {
            findings.language(STATIC_ID).port(STATIC_PORT).env(STATIC_DIR_ENV, frontEnd.get().outputDir());
            procfile.ifPresent(findings::start);
        } else {
            pkg.script("start").flatMap(s -> Texts.find(SCRIPT_PORT, s)).ifPresent(p -> findings.port(Integer.parseInt(p)));
            findings.defaultPort(PORT);
            findings.start(procfile.orElseGet(() -> defaultStart(tree, pkg, pm)));
            if (!findings.hasStart()) {
                findings.warning("No start command: package.json has no start script or main entry",
                        "Add \"scripts\": {\"start\": \"node server.js\"} to package.json, or a Procfile 'web:' line",
                        "package.json");
            }
        }
        return Optional.of(findings.toDetection());
    }

    private static String defaultStart(SourceTree tree, PackageJson pkg, PackageManager pm) {
        if (pkg.script("start").isPresent()) {
            return pm.name() + " start";
        }
        String main = pkg.main() == null ? null : pkg.main().replaceFirst("^\\./", "");
        if (main != null && tree.exists(main)) {
            return "node " + main;
        }
        return ENTRY_FILES.stream().filter(tree::exists).findFirst().map(f -> "node " + f).orElse(null);
    }
}
