package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Plugin;
import io.kato.api.service.PluginService;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "plugin-add-default", description = "Adds one of the plugins Kato ships to a team"
        + " (see kato:default-plugins) and builds it; then install it with kato:plugin-install")
public class PluginAddDefault extends KatoCommandSupport {
    @Reference
    PluginService plugins;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "default", required = true, description = "perf-analyze, net-governance,"
            + " log-collector…")
    String defaultName;

    @Argument(index = 2, name = "name", description = "Its name in the team (default: the default's own)")
    String name;

    @Override
    protected Object run(Actor actor) {
        Plugin p = plugins.addDefault(actor, team, defaultName, name);
        out().println("Plugin " + p.name() + " (" + p.type() + ") added to team " + team + "; its first version"
                + " is building: kato:plugins " + team + " " + p.name());
        return null;
    }
}
