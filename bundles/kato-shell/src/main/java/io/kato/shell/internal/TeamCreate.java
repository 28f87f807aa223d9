package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Team;
import io.kato.api.service.TeamService;
import io.kato.api.service.TeamService.TeamDraft;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "team-create", description = "Creates a team")
public class TeamCreate extends KatoCommandSupport {
    @Reference
    TeamService teams;

    @Argument(index = 0, name = "name", description = "DNS-1123 name of the team", required = true)
    String name;

    @Option(name = "-d", aliases = "--display-name", description = "Name for people")
    String displayName;

    @Option(name = "-e", aliases = "--environment", description = "Environment name such as DEV or PROD (default DEV)")
    String environment;

    @Option(name = "-r", aliases = "--runtime", description = "Runtime of its components (default: the server's"
            + " active runtime; see kato:runtimes)")
    String runtime;

    @Override
    protected Object run(Actor actor) {
        Team t = teams.create(actor, new TeamDraft(name, displayName, environment, runtime));
        out().println("Team " + t.name() + " created (environment " + t.environment()
                + (t.runtime() == null ? "" : ", runtime " + t.runtime()) + ")");
        return null;
    }
}
