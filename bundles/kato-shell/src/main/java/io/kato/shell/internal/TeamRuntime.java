package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Team;
import io.kato.api.service.TeamService;
import io.kato.api.service.TeamService.TeamChanges;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "team-runtime", description = "Shows the runtime a team's components run on; given one,"
        + " moves the team to it (its components must be stopped); --default moves it back to the server's")
public class TeamRuntime extends KatoCommandSupport {
    @Reference
    TeamService teams;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "runtime", description = "A runtime kato:runtimes lists")
    String runtime;

    @Option(name = "--default", description = "Back to the server's active runtime")
    boolean toDefault;

    @Override
    protected Object run(Actor actor) {
        Team t = runtime == null && !toDefault ? teams.get(actor, team)
                : teams.update(actor, team, new TeamChanges(null, null, toDefault ? "" : runtime), null);
        out().println("Team " + t.name() + " runs on " + (t.runtime() == null ? "the server's active runtime"
                : "runtime " + t.runtime()));
        return null;
    }
}
