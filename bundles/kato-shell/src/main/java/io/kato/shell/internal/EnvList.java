package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.EnvVar;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "env-list", description = "Lists the env vars of a component (secrets masked)")
public class EnvList extends ComponentCommandSupport {
    @Reference
    ComponentService components;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Value");
        table.column("Scope");
        table.column("Secret");
        for (EnvVar e : components.get(actor, team, component).env()) {
            table.addRow().addContent(e.name(), e.value(), e.scope(), e.secret());
        }
        print(table);
        return null;
    }
}
