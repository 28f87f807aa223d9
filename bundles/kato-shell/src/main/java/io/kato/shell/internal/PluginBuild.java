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
        int number = v.number();
        if (followLog(events, actor, team, v.eventId(), wait, () -> !plugins.version(actor, team, plugin, number)
                .status().equals(PluginVersion.BUILDING))) {
            PluginVersion ended = plugins.version(actor, team, plugin, number);
            out().println("Version " + number + " " + ended.status() + ": " + ended.message());
        } else if (wait > 0) {
            out().println("Still building; see it with kato:plugins " + team + " " + plugin);
        }
        return null;
    }
}
