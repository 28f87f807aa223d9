package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Event;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "component-restart", description = "Replaces a running component's instances with fresh ones, one at a time")
public class ComponentRestart extends OperationCommand {
    @Reference
    ComponentService components;

    @Override
    protected Event operate(Actor actor) {
        return components.restart(actor, team, component);
    }
}
