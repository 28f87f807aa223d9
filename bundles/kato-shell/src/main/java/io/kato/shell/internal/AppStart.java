package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.ComponentService;
import io.kato.shell.internal.completers.AppCompleter;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "app-start", description = "Starts every component of an application that has a version")
public class AppStart extends KatoCommandSupport {
    @Reference
    ComponentService components;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "app", required = true)
    @Completion(AppCompleter.class)
    String app;

    @Override
    protected Object run(Actor actor) {
        for (ComponentService.AppOperation op : components.startApp(actor, team, app)) {
            out().println(op.component() + ": " + (op.event() != null ? op.event().message() + " (event "
                    + op.event().id() + ")" : "skipped, " + op.skipped()));
        }
        return null;
    }
}
