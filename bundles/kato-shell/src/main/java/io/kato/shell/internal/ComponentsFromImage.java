package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Component;
import io.kato.api.service.ComponentService;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "components-from-image", description = "Creates one component per service of an"
        + " image check (all, or those named; all or none are created)")
public class ComponentsFromImage extends AppCommandSupport {
    @Reference
    ComponentService components;

    @Argument(index = 2, name = "check", required = true, description = "Id of a succeeded image check")
    String check;

    @Argument(index = 3, name = "services", multiValued = true, description = "Services to create (default: all)")
    List<String> services;

    @Override
    protected Object run(Actor actor) {
        for (Component c : components.createFromImages(actor, team, check, app, services)) {
            out().println("Component " + c.name() + " created from " + c.source().url() + " (" + c.deployType() + ")");
        }
        return null;
    }
}
