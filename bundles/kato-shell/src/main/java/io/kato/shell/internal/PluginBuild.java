package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.PluginVersion;
import io.kato.api.service.EventService;
import io.kato.api.service.PluginService;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "plugin-build", description = "Builds a plugin into its next version, printing the"
        + " build log as it grows")
public class PluginBuild extends KatoCommandSupport {
    @Reference
    PluginService plugins;

    @Reference
    EventService events;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "plugin", required = true)
    String plugin;

    @Option(name = "-w", aliases = "--wait", description = "Seconds to follow the build (default 600; 0 to return"
            + " at once)")
    int wait = 600;

    @Override
    protected Object run(Actor actor) throws InterruptedException {
        PluginVersion v = plugins.build(actor, team, plugin);
        out().println("Version " + v.number() + " of " + plugin + " queued (event " + v.eventId() + ")");
        long deadline = System.nanoTime() + wait * 1_000_000_000L;
        int printed = 0;
        while (wait > 0) {
            String log = events.log(actor, team, v.eventId());
            out().print(log.substring(Math.min(printed, log.length())));
            printed = Math.max(printed, log.length());
            v = plugins.version(actor, team, plugin, v.number());
            if (!v.status().equals(PluginVersion.BUILDING)) {
                String rest = events.log(actor, team, v.eventId());
                out().print(rest.substring(Math.min(printed, rest.length())));
                out().println("Version " + v.number() + " " + v.status() + ": " + v.message());
                return null;
            }
            if (System.nanoTime() > deadline) {
                out().println("Still building; see it with kato:plugins " + team + " " + plugin);
                return null;
            }
            Thread.sleep(500);
        }
        return null;
    }
}
