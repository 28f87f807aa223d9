package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Plugin;
import io.kato.api.service.PluginService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "default-plugins", description = "Lists the plugins Kato ships, ready to add to a"
        + " team with kato:plugin-add-default")
public class DefaultPluginList extends KatoCommandSupport {
    @Reference
    PluginService plugins;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Type");
        table.column("Runs as");
        table.column("Items");
        table.column("Description").maxSize(70).wrap();
        for (Plugin p : plugins.defaults()) {
            table.addRow().addContent(p.name(), p.type() + (p.typeAvailable() ? "" : " (type unavailable)"),
                    Plugins.source(p), p.configGroups().stream().flatMap(g -> g.items().stream())
                            .map(i -> i.name()).reduce((a, b) -> a + ", " + b).orElse("-"), p.description());
        }
        print(table);
        return null;
    }
}
