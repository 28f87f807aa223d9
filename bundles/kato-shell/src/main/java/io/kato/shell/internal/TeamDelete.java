package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.TeamService;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "team-delete", description = "Deletes a team that has no applications left")
public class TeamDelete extends KatoCommandSupport {
    @Reference
    TeamService teams;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Override
    protected Object run(Actor actor) {
        teams.delete(actor, team, null);
        out().println("Team " + team + " deleted");
        return null;
    }
}
