package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "component-stop",
        description = "Stops a component's instances (SIGTERM, then SIGKILL after a grace period)")
public class ComponentStop extends ComponentCommandSupport {
    @Reference
    ComponentService components;

    @Override
    protected Object run(Actor actor) {
        components.stop(actor, team, component);
        out().println("Component " + component + " is stopping");
        return null;
    }
}
