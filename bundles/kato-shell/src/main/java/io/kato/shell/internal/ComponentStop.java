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
@Command(scope = "kato", name = "component-stop",
        description = "Stops a component's instances (SIGTERM, then SIGKILL after a grace period)")
public class ComponentStop extends KatoCommandSupport {
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
        components.stop(actor, team, component);
        out().println("Component " + component + " is stopping");
        return null;
    }
}
