package io.kato.detector.dotnet.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.api.detect.SourceTree.SourceFile;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Procfile;
import io.kato.detector.support.json.JsonFiles;
import io.kato.detector.support.xml.XmlFiles;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Detects .NET from a {@code *.sln} at the root or a {@code *.csproj} up to two folders
 * deep ({@code src/<Project>/} is the common layout). Projects are read with XXE protection.
 *
 * <ul>
 *   <li>Versions: {@code dotnet-sdk} from {@code global.json} {@code sdk.version},
 *       {@code targetFramework} from the project ({@code net8.0}).</li>
 *   <li>Runnable projects: Web SDK or executables, test projects excluded; several become
 *       modules, none is a WARNING.</li>
 *   <li>Build {@code dotnet publish <csproj> -c Release -o out}, start
 *       {@code dotnet out/<AssemblyName>.dll --urls http://0.0.0.0:8080}; port 8080, the
 *       ASP.NET Core container default. A Procfile {@code web:} line wins.</li>
 * </ul>
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + DotnetDetector.ID, "service.ranking:Integer=40"})
public class DotnetDetector implements LanguageDetector {
    static final String ID = "dotnet";
    static final int PORT = 8080;
    private static final int MAX_PROJECTS = 50;

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return ".NET";
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        List<String> projectFiles = tree.find(f -> f.path().endsWith(".csproj") && f.depth() <= 3).stream()
                .map(SourceFile::path).sorted().limit(MAX_PROJECTS).toList();
        boolean solution = !tree.find(f -> f.path().endsWith(".sln") && f.depth() == 0).isEmpty();
        if (!solution && projectFiles.stream().noneMatch(p -> p.chars().filter(c -> c == '/').count() <= 2)) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID).port(PORT);
        if (tree.exists("global.json")) {
            JsonFiles.readObject(tree, "global.json", findings).flatMap(g -> JsonFiles.text(g, "/sdk/version"))
                    .ifPresent(v -> findings.version("dotnet-sdk", v));
        }
        List<CsProject> projects = projectFiles.stream().flatMap(p -> XmlFiles.read(tree, p, findings)
                .map(d -> CsProject.of(p, d)).stream()).toList();
        List<CsProject> runnable = projects.stream().filter(CsProject::runnable).toList();
        (runnable.isEmpty() ? projects : runnable).stream().map(CsProject::targetFramework)
                .filter(t -> t != null).findFirst().ifPresent(t -> findings.version("targetFramework", t));
        if (!findings.hasVersion("dotnet-sdk") && !findings.hasVersion("targetFramework")) {
            findings.info("No .NET version found; the platform's default SDK is used",
                    "Set <TargetFramework> in the project, or pin the SDK in global.json", "global.json");
        }
        Optional<String> procfile = Procfile.startCommand(tree, findings);
        if (runnable.size() == 1) {
            findings.build(runnable.get(0).publish()).start(runnable.get(0).start(PORT));
        } else if (runnable.size() > 1) {
            runnable.forEach(p -> findings.module(p.assemblyName(), p.folder()));
            findings.build("dotnet publish -c Release").info(runnable.size() + " runnable projects; each becomes its "
                    + "own component", "Set the project to deploy in the Katofile if only one of them is a service",
                    null);
        } else {
            findings.build("dotnet build -c Release");
            if (procfile.isEmpty()) {
                findings.warning("No runnable project (Web SDK or OutputType Exe) found",
                        "Use Sdk=\"Microsoft.NET.Sdk.Web\" or <OutputType>Exe</OutputType>, or add a Procfile 'web:' line",
                        projectFiles.isEmpty() ? null : projectFiles.get(0));
            }
        }
        procfile.ifPresent(findings::start);
        return Optional.of(findings.toDetection());
    }
}
