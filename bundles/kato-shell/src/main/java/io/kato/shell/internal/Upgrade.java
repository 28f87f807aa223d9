package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Event;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "upgrade", description = "Runs a component's newest version with its current env, rolling (a new instance is ready before an old one stops)")
public class Upgrade extends OperationCommand {
    @Reference
    ComponentService components;

    @Override
    protected Event operate(Actor actor) {
        return components.upgrade(actor, team, component);
    }
}
