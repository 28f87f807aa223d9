package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Event;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "rollback", description = "Runs an earlier version of a component, rolling"
        + " (kato:versions lists them)")
public class Rollback extends OperationCommand {
    @Reference
    ComponentService components;

    @Argument(index = 2, name = "version", required = true, description = "The version's number (1, 2, ...)")
    int version;

    @Override
    protected Event operate(Actor actor) {
        return components.rollback(actor, team, component, version);
    }
}
