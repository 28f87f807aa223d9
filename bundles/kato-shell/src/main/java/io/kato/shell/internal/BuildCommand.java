package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Build;
import io.kato.api.service.BuildService;
import io.kato.api.service.EventService;
import io.kato.shell.internal.completers.ComponentCompleter;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "build", description = "Builds a component made from source into its next version,"
        + " printing the build log as it grows")
public class BuildCommand extends KatoCommandSupport {
    @Reference
    BuildService builds;

    @Reference
    EventService events;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "component", required = true)
    @Completion(ComponentCompleter.class)
    String component;

    @Option(name = "-w", aliases = "--wait", description = "Seconds to follow the build (default 600; 0 to return"
            + " at once)")
    int wait = 600;

    @Override
    protected Object run(Actor actor) throws InterruptedException {
        Build b = builds.build(actor, team, component);
        out().println("Build " + b.id() + " queued");
        long deadline = System.nanoTime() + wait * 1_000_000_000L;
        int printed = 0;
        while (wait > 0) {
            String log = events.log(actor, team, b.id());
            if (log.length() > printed) {
                out().print(log.substring(printed));
                printed = log.length();
            }
            b = builds.get(actor, team, component, b.id());
            if (b.status().equals(Build.SUCCEEDED) || b.status().equals(Build.FAILED)) {
                String rest = events.log(actor, team, b.id());
                out().print(rest.substring(Math.min(printed, rest.length())));
                out().println("Build " + b.status() + ": " + b.message());
                return null;
            }
            if (System.nanoTime() > deadline) {
                out().println("Still " + b.status() + "; follow it with kato:events " + team);
                return null;
            }
            Thread.sleep(500);
        }
        return null;
    }
}
