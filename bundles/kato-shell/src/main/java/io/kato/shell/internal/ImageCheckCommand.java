package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.ImageCheck;
import io.kato.api.model.ImageReport;
import io.kato.api.service.ImageCheckService;
import io.kato.api.service.ImageCheckService.ImageCheckRequest;
import io.kato.shell.internal.completers.TeamCompleter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "image-check", description = "Checks an image, a docker run command line or a"
        + " compose file: reads each image's configuration from its registry")
public class ImageCheckCommand extends KatoCommandSupport {
    @Reference
    ImageCheckService checks;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "image", description = "An image reference, e.g. nginx:1.25 (or use --docker-run or"
            + " --compose-file)")
    String image;

    @Option(name = "-r", aliases = "--docker-run", description = "A docker run command line, quoted")
    String dockerRun;

    @Option(name = "-f", aliases = "--compose-file", description = "A docker-compose file on this server")
    @Completion(FileCompleter.class)
    String composeFile;

    @Option(name = "-c", aliases = "--credentials", description = "Team credential for a private registry")
    String credentials;

    @Option(name = "--registry", description = "The registry the credential is for (default: the first image's"
            + " registry other than Docker Hub)")
    String registry;

    @Option(name = "--insecure", description = "Accept the registry's certificate unchecked, and plain HTTP")
    boolean insecure;

    @Option(name = "-w", aliases = "--wait", description = "Seconds to wait for the report (default 60)")
    int wait = 60;

    @Override
    protected Object run(Actor actor) throws InterruptedException {
        String compose = null;
        if (composeFile != null) {
            try {
                compose = Files.readString(Path.of(composeFile));
            } catch (IOException e) {
                out().println("Cannot read " + composeFile + ": " + e.getMessage());
                return null;
            }
        }
        ImageCheck c = checks.start(actor, team, new ImageCheckRequest(image, dockerRun, compose, credentials,
                registry, insecure));
        out().println("Image check " + c.id() + " queued");
        long deadline = System.nanoTime() + wait * 1_000_000_000L;
        while (!c.status().equals(ImageCheck.SUCCEEDED) && !c.status().equals(ImageCheck.FAILED)
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            c = checks.get(actor, team, c.id());
        }
        if (!c.status().equals(ImageCheck.SUCCEEDED)) {
            out().println("Check " + c.status() + ": " + c.message());
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Service");
        table.column("Image");
        table.column("Ports");
        table.column("Volumes");
        table.column("Deploy");
        table.column("Needs");
        for (ImageReport.Service s : c.report().services()) {
            table.addRow().addContent(s.name(), s.image(), s.ports().stream().map(p -> p.port() + "/" + p.protocol()
                            + (p.outer() ? " outer" : "")).toList(),
                    s.volumes().stream().map(ImageReport.Volume::path).toList(), s.deployType(),
                    s.dependsOn().isEmpty() ? "-" : String.join(", ", s.dependsOn()));
        }
        print(table);
        for (ImageReport.Service s : c.report().services()) {
            s.warnings().forEach(w -> out().println("note [" + s.name() + "] " + w));
        }
        out().println("Create the components with: kato:components-from-image " + team + " <app> " + c.id());
        return null;
    }
}
