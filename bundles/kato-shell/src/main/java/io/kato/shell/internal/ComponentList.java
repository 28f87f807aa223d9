package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Component;
import io.kato.api.service.ComponentService;
import io.kato.shell.internal.completers.TeamCompleter;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "component-list", description = "Lists the components of a team with their state")
public class ComponentList extends KatoCommandSupport {
    @Reference
    ComponentService components;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("App");
        table.column("State");
        table.column("Instances");
        table.column("Memory MB");
        table.column("Ports");
        for (Component c : components.list(actor, team, all()).items()) {
            table.addRow().addContent(c.name(), c.appName(), components.state(actor, team, c.name()), c.instances(),
                    c.memoryMb(), c.ports().stream().map(p -> p.port() + "/" + p.protocol())
                            .collect(Collectors.joining(",")));
        }
        print(table);
        return null;
    }

}
