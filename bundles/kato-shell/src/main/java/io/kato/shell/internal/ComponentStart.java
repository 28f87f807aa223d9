package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.ComponentService;
import io.kato.shell.internal.completers.ComponentCompleter;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "component-start",
        description = "Runs a component's newest version on its instances")
public class ComponentStart extends KatoCommandSupport {
    @Reference
    ComponentService components;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "component", required = true)
    @Completion(ComponentCompleter.class)
    String component;

    @Override
    protected Object run(Actor actor) {
        components.start(actor, team, component);
        out().println("Component " + component + " is starting; kato:component-show " + team + " " + component
                + " shows its instances");
        return null;
    }
}
