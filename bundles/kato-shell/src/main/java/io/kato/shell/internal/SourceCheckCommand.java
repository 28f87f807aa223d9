package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.detect.Detection;
import io.kato.api.detect.Problem;
import io.kato.api.model.SourceCheck;
import io.kato.api.service.SourceCheckService;
import io.kato.api.service.SourceCheckService.SourceCheckRequest;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "source-check", description = "Checks a repository: fetches it and reports its languages")
public class SourceCheckCommand extends KatoCommandSupport {
    @Reference
    SourceCheckService checks;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "url", required = true, description = "Repository URL")
    String url;

    @Option(name = "-b", aliases = "--branch", description = "Branch, tag or commit (default: the remote's default)")
    String ref;

    @Option(name = "-d", aliases = "--subdir", description = "Folder of the service inside the repository")
    String subdir;

    @Option(name = "-k", aliases = "--kind", description = "git (default), svn or archive")
    String kind;

    @Option(name = "-c", aliases = "--credentials", description = "Name of the team credential for a private repository")
    String credentials;

    @Option(name = "-w", aliases = "--wait", description = "Seconds to wait for the report (default 120)")
    int wait = 120;

    @Option(name = "--trust-server-cert", description = "https only: accept the server's certificate even if it does"
            + " not verify (an internal server's self-signed one)")
    boolean trustServerCert;

    @Override
    protected Object run(Actor actor) throws InterruptedException {
        SourceCheck c = checks.start(actor, team, new SourceCheckRequest(kind, url, ref, subdir, credentials,
                trustServerCert));
        out().println("Source check " + c.id() + " queued");
        long deadline = System.nanoTime() + wait * 1_000_000_000L;
        while (!c.status().equals(SourceCheck.SUCCEEDED) && !c.status().equals(SourceCheck.FAILED)
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
            c = checks.get(actor, team, c.id());
        }
        if (!c.status().equals(SourceCheck.SUCCEEDED)) {
            out().println("Check " + c.status() + ": " + c.message());
            return null;
        }
        out().println("Revision " + c.report().revision() + " (" + orDash(c.report().ref()) + "), "
                + c.report().files() + " files");
        ShellTable table = new ShellTable();
        table.column("Language");
        table.column("Versions");
        table.column("Build");
        table.column("Start");
        table.column("Ports");
        for (Detection d : c.report().languages()) {
            table.addRow().addContent(d.language(), d.versions(), orDash(d.buildCommand()), orDash(d.startCommand()),
                    d.ports());
        }
        print(table);
        for (Detection d : c.report().languages()) {
            d.problems().forEach(p -> printProblem(d.language(), p));
        }
        c.report().problems().forEach(p -> printProblem("check", p));
        return null;
    }

    private static void printProblem(String where, Problem p) {
        out().println(p.severity() + " [" + where + "] " + p.message() + (p.hint() == null ? "" : " — " + p.hint()));
    }
}
