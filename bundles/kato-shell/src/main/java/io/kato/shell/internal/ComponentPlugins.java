package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.PluginInstall;
import io.kato.api.service.PluginInstallService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "component-plugins", description = "Lists the plugins installed on a component")
public class ComponentPlugins extends ComponentCommandSupport {
    @Reference
    PluginInstallService installs;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Plugin");
        table.column("Version");
        table.column("Type");
        table.column("State");
        table.column("Memory");
        table.column("Values");
        for (PluginInstall i : installs.list(actor, team, component)) {
            table.addRow().addContent(i.plugin(), i.version(), i.type(), i.state(), i.memoryMb() + " MB",
                    i.values().size() + i.ports().values().stream().mapToInt(java.util.Map::size).sum()
                            + i.downstream().values().stream().mapToInt(java.util.Map::size).sum());
        }
        print(table);
        return null;
    }
}
