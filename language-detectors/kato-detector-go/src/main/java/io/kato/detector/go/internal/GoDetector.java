package io.kato.detector.go.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.api.detect.SourceTree.SourceFile;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Procfile;
import io.kato.detector.support.Texts;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Detects Go from a root {@code go.mod}.
 *
 * <ul>
 *   <li>Versions: {@code go} from the {@code go} directive, {@code toolchain} from the
 *       {@code toolchain} directive. A go.mod without a {@code module} line is an ERROR, one
 *       with requirements but no go.sum a WARNING.</li>
 *   <li>Main packages: at the root, else each {@code cmd/<name>}; several become modules.</li>
 *   <li>Build {@code go build -o bin/<name> <package>}, start {@code ./bin/<name>}; a Procfile
 *       {@code web:} line wins.</li>
 *   <li>Port 8080, or the literal port of a {@code ListenAndServe(":8081", ...)} call.</li>
 * </ul>
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + GoDetector.ID, "service.ranking:Integer=45"})
public class GoDetector implements LanguageDetector {
    static final String ID = "go";
    static final int PORT = 8080;
    private static final int MAX_SOURCES = 50;
    private static final Pattern MODULE = Pattern.compile("(?m)^\\s*module\\s+\"?([^\\s\"]+)");
    private static final Pattern GO = Pattern.compile("(?m)^\\s*go\\s+(\\d[\\w.]*)");
    private static final Pattern TOOLCHAIN = Pattern.compile("(?m)^\\s*toolchain\\s+(\\S+)");
    private static final Pattern REQUIRE = Pattern.compile("(?m)^\\s*require\\b");
    private static final Pattern MAIN = Pattern.compile("(?m)^package\\s+main\\b");
    private static final Pattern LISTEN = Pattern.compile("ListenAndServe(?:TLS)?\\(\\s*\"[^\":]*:(\\d{1,5})\"");

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Go";
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        if (!tree.exists("go.mod")) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID);
        String gomod = Texts.read(tree, "go.mod").orElse("");
        Optional<String> module = Texts.find(MODULE, gomod);
        if (module.isEmpty()) {
            findings.error("go.mod has no module directive", "Run 'go mod init <module path>'", "go.mod");
        }
        Texts.find(GO, gomod).ifPresentOrElse(v -> findings.version("go", v), () -> findings.info(
                "go.mod has no go directive; Go assumes the language version 1.16",
                "Run 'go mod edit -go=<version>' to state the Go version the code needs", "go.mod"));
        Texts.find(TOOLCHAIN, gomod).ifPresent(v -> findings.version("toolchain", v));
        if (REQUIRE.matcher(gomod).find() && !tree.exists("go.sum")) {
            findings.warning("go.mod has requirements but go.sum is not committed",
                    "Run 'go mod tidy' and commit go.sum, so the build can verify its modules", "go.mod");
        }
        List<SourceFile> rootMain = mainFiles(tree, f -> f.depth() == 0);
        List<String> commands = mainFiles(tree, f -> f.depth() == 2 && f.path().startsWith("cmd/")).stream()
                .map(f -> Texts.folderOf(f.path())).distinct().sorted().toList();
        Optional<String> procfile = Procfile.startCommand(tree, findings);
        String name = module.map(m -> m.substring(m.lastIndexOf('/') + 1)).orElse("app");
        if (!rootMain.isEmpty()) {
            buildAndRun(findings, name, ".");
            listenPort(tree, rootMain, findings);
        } else if (commands.size() == 1) {
            buildAndRun(findings, commands.get(0).substring(4), "./" + commands.get(0));
            listenPort(tree, mainFiles(tree, f -> f.path().startsWith(commands.get(0) + "/")), findings);
        } else if (commands.size() > 1) {
            commands.forEach(c -> findings.module(c.substring(4), c));
            findings.build("go build -o bin/ ./cmd/...").port(PORT).info(
                    commands.size() + " commands under cmd/; each becomes its own component",
                    "Set the command to deploy in the Katofile if only one of them is a service", null);
        } else {
            findings.port(PORT).build("go build ./...");
            if (procfile.isEmpty()) {
                findings.warning("No main package at the root or under cmd/",
                        "Put 'package main' at the root or in cmd/<name>/, or add a Procfile 'web:' line", "go.mod");
            }
        }
        procfile.ifPresent(findings::start);
        return Optional.of(findings.toDetection());
    }

    private static void buildAndRun(Findings findings, String name, String pkg) {
        findings.build("go build -o bin/" + name + " " + pkg).start("./bin/" + name);
    }

    /** The port of a literal ListenAndServe address; 8080 when none is that obvious. */
    private static void listenPort(SourceTree tree, List<SourceFile> files, Findings findings) {
        files.stream().map(f -> Texts.read(tree, f.path()).orElse("")).map(t -> Texts.find(LISTEN, t))
                .flatMap(Optional::stream).findFirst().ifPresent(p -> findings.port(Integer.parseInt(p)));
        findings.defaultPort(PORT);
    }

    /** Non-test Go files of package main, at most {@link #MAX_SOURCES} read per call. */
    private static List<SourceFile> mainFiles(SourceTree tree, Predicate<SourceFile> where) {
        return tree.find(f -> f.path().endsWith(".go") && !f.path().endsWith("_test.go") && where.test(f))
                .stream().limit(MAX_SOURCES)
                .filter(f -> tree.read(f.path(), 16 * 1024).map(t -> MAIN.matcher(t).find()).orElse(false))
                .toList();
    }
}
