package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Component;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "components-from-check", description = "Creates one component per module a source"
        + " check found in a multi-module repository (all or none)")
public class ComponentsFromCheck extends AppCommandSupport {
    @Reference
    ComponentService components;

    @Argument(index = 2, name = "check", required = true, description = "Id of a succeeded source check")
    String check;

    @Option(name = "-l", aliases = "--language", description = "A detected language other than the primary one")
    String language;

    @Override
    protected Object run(Actor actor) {
        for (Component c : components.createFromModules(actor, team, check, app, language)) {
            out().println("Component " + c.name() + " created from " + c.source().subdir() + " (" + c.language() + ")");
        }
        return null;
    }
}
