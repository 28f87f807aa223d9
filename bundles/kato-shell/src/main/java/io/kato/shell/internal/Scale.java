package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Event;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "scale", description = "Changes a component's instance count and/or memory")
public class Scale extends OperationCommand {
    @Reference
    ComponentService components;

    @Option(name = "-i", aliases = "--instances", description = "How many instances")
    Integer instances;

    @Option(name = "-m", aliases = "--memory", description = "Memory per instance, in MB")
    Integer memoryMb;

    @Override
    protected Event operate(Actor actor) {
        return components.scale(actor, team, component, instances, memoryMb);
    }
}
