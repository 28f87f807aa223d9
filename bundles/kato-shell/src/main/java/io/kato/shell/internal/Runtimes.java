package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.RuntimeRegistry;
import io.kato.api.service.RuntimeRegistry.RuntimeInfo;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "runtimes", description = "Lists the runtimes this server has, the active one first,"
        + " and whether each can work now")
public class Runtimes extends KatoCommandSupport {
    @Reference
    RuntimeRegistry registry;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Runtime");
        table.column("Active");
        table.column("Up");
        table.column("Images");
        table.column("Message");
        for (RuntimeInfo r : registry.runtimes()) {
            table.addRow().addContent(r.name(), r.active() ? "yes" : "-", r.up() ? "yes" : "no",
                    r.runsImages() ? "yes" : "-", orDash(r.message()));
        }
        print(table);
        return null;
    }
}
