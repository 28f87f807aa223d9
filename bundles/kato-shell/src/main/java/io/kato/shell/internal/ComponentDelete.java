package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "component-delete", description = "Deletes a component")
public class ComponentDelete extends ComponentCommandSupport {
    @Reference
    ComponentService components;

    @Override
    protected Object run(Actor actor) {
        components.delete(actor, team, component, null);
        out().println("Component " + component + " deleted from team " + team);
        return null;
    }
}
