package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.ComponentService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** An operation on every component of an application: prints each component's event, or why it was skipped. */
abstract class AppOperationCommand extends AppCommandSupport {
    @Reference
    ComponentService components;

    protected abstract List<ComponentService.AppOperation> operate(Actor actor);

    @Override
    protected Object run(Actor actor) {
        for (ComponentService.AppOperation op : operate(actor)) {
            out().println(op.component() + ": " + (op.event() != null ? op.event().message() + " (event "
                    + op.event().id() + ")" : "skipped, " + op.skipped()));
        }
        return null;
    }
}
