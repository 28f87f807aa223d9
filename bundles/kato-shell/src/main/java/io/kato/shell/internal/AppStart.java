package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.ComponentService;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "app-start", description = "Starts every component of an application that has a version")
public class AppStart extends AppOperationCommand {
    @Override
    protected List<ComponentService.AppOperation> operate(Actor actor) {
        return components.startApp(actor, team, app);
    }
}
