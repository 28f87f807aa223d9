package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.AppService;
import io.kato.shell.internal.completers.AppCompleter;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "app-delete", description = "Deletes an application that has no components left")
public class AppDelete extends KatoCommandSupport {
    @Reference
    AppService apps;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Completion(AppCompleter.class)
    @Argument(index = 1, name = "app", required = true)
    String app;

    @Override
    protected Object run(Actor actor) {
        apps.delete(actor, team, app, null);
        out().println("Application " + app + " deleted from team " + team);
        return null;
    }
}
