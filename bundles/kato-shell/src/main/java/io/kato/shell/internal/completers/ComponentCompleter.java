package io.kato.shell.internal.completers;

import io.kato.api.Actor;
import io.kato.api.PageRequest;
import io.kato.api.model.Component;
import io.kato.api.service.ComponentService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes component names of the team named first on the command line. */
@Service
public class ComponentCompleter extends TeamScopedCompleter {
    @Reference
    ComponentService components;

    @Override
    List<String> names(Actor actor, String team) {
        return components.list(actor, team, PageRequest.all()).items().stream().map(Component::name).toList();
    }
}
