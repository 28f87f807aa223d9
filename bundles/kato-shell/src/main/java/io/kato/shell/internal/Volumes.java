package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Volume;
import io.kato.api.service.VolumeService;
import java.nio.charset.StandardCharsets;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "volumes", description = "Lists a component's volumes and config files")
public class Volumes extends ComponentCommandSupport {
    @Reference
    VolumeService volumes;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Type");
        table.column("Path");
        table.column("Size");
        for (Volume v : volumes.list(actor, team, component)) {
            table.addRow().addContent(v.name(), v.type(), v.path(), v.content() != null
                    ? v.content().getBytes(StandardCharsets.UTF_8).length + " bytes" : v.sizeMb() + " MB");
        }
        print(table);
        return null;
    }
}
