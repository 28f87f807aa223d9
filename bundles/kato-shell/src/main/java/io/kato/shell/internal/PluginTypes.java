package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.PluginTypeRegistry;
import io.kato.api.service.PluginTypeRegistry.PluginTypeInfo;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "plugin-types", description = "Lists the plugin types installed right now")
public class PluginTypes extends KatoCommandSupport {
    @Reference
    PluginTypeRegistry registry;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Type");
        table.column("Role");
        table.column("Metadata");
        table.column("Injection");
        table.column("Excludes");
        table.column("Bundle");
        for (PluginTypeInfo t : registry.pluginTypes()) {
            table.addRow().addContent(t.name(), t.role(), String.join(", ", t.allowedMetadata()),
                    String.join(", ", t.allowedInjections()), t.excludes().isEmpty() ? "-"
                            : String.join(", ", t.excludes()), t.bundle());
        }
        print(table);
        return null;
    }
}
