package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Build;
import io.kato.api.service.BuildService;
import io.kato.api.service.EventService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "build", description = "Builds a component made from source into its next version,"
        + " printing the build log as it grows")
public class BuildCommand extends ComponentCommandSupport {
    @Reference
    BuildService builds;

    @Reference
    EventService events;

    @Option(name = "-w", aliases = "--wait", description = "Seconds to follow the build (default 600; 0 to return"
            + " at once)")
    int wait = 600;

    @Override
    protected Object run(Actor actor) throws InterruptedException {
        Build b = builds.build(actor, team, component);
        out().println("Build " + b.id() + " queued");
        String id = b.id();
        if (followLog(events, actor, team, id, wait, () -> {
            String status = builds.get(actor, team, component, id).status();
            return status.equals(Build.SUCCEEDED) || status.equals(Build.FAILED);
        })) {
            Build ended = builds.get(actor, team, component, id);
            out().println("Build " + ended.status() + ": " + ended.message());
        } else if (wait > 0) {
            out().println("Still " + builds.get(actor, team, component, id).status() + "; follow it with kato:events "
                    + team);
        }
        return null;
    }
}
