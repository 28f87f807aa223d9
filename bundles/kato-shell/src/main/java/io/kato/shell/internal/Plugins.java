package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Plugin;
import io.kato.api.model.PluginVersion;
import io.kato.api.service.PluginService;
import io.kato.shell.internal.completers.TeamCompleter;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "plugins", description = "Lists a team's plugins, or one plugin's versions")
public class Plugins extends KatoCommandSupport {
    @Reference
    PluginService plugins;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "plugin", description = "Show this plugin's versions")
    String plugin;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        if (plugin != null) {
            table.column("Version");
            table.column("Status");
            table.column("Image");
            table.column("Memory");
            table.column("Event");
            table.column("Message");
            for (PluginVersion v : plugins.versions(actor, team, plugin)) {
                table.addRow().addContent(v.number(), v.status(), orDash(v.artifact()), v.memoryMb() + " MB",
                        v.eventId(), v.message());
            }
            print(table);
            return null;
        }
        table.column("Name");
        table.column("Type");
        table.column("Source");
        table.column("Memory");
        table.column("Groups");
        table.column("Newest");
        for (Plugin p : plugins.list(actor, team)) {
            List<PluginVersion> versions = plugins.versions(actor, team, p.name());
            table.addRow().addContent(p.name(), p.type() + (p.typeAvailable() ? "" : " (type unavailable)"),
                    source(p), p.memoryMb() + " MB",
                    p.configGroups().size(), versions.isEmpty() ? "-"
                            : versions.get(0).number() + " " + versions.get(0).status());
        }
        print(table);
        return null;
    }

    /** Where its versions come from: an image, a repository, or nothing to build (a command, the gateway). */
    static String source(Plugin p) {
        return p.image() != null ? p.image() : p.repository() != null ? p.repository() + "#" + p.branch()
                : p.localCommand() != null ? "local command" : "gateway";
    }
}
