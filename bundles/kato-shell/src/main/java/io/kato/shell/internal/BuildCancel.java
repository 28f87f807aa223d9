package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Build;
import io.kato.api.service.BuildService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "build-cancel", description = "Cancels a queued or running build (its step is killed)")
public class BuildCancel extends ComponentCommandSupport {
    @Reference
    BuildService builds;

    @Argument(index = 2, name = "build", required = true, description = "The build's id (kato:build prints it)")
    String build;

    @Override
    protected Object run(Actor actor) {
        Build b = builds.cancel(actor, team, component, build);
        out().println("Build " + b.id() + " is " + b.status() + ": " + b.message());
        return null;
    }
}
