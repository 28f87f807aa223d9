package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.App;
import io.kato.api.service.AppService;
import io.kato.api.service.AppService.AppDraft;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "app-create", description = "Creates an application in a team")
public class AppCreate extends KatoCommandSupport {
    @Reference
    AppService apps;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "name", required = true, description = "DNS-1123 name of the application")
    String name;

    @Option(name = "-d", aliases = "--description", description = "What it is for")
    String description;

    @Override
    protected Object run(Actor actor) {
        App a = apps.create(actor, team, new AppDraft(name, null, description));
        out().println("Application " + a.name() + " created in team " + team);
        return null;
    }
}
