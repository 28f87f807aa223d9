package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "component-start",
        description = "Runs a component's newest version on its instances")
public class ComponentStart extends ComponentCommandSupport {
    @Reference
    ComponentService components;

    @Override
    protected Object run(Actor actor) {
        components.start(actor, team, component);
        out().println("Component " + component + " is starting; kato:component-show " + team + " " + component
                + " shows its instances");
        return null;
    }
}
