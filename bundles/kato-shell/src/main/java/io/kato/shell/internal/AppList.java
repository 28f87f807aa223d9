package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.App;
import io.kato.api.service.AppService;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "app-list", description = "Lists the applications of a team")
public class AppList extends KatoCommandSupport {
    @Reference
    AppService apps;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Display name");
        table.column("Description");
        for (App a : apps.list(actor, team, all()).items()) {
            table.addRow().addContent(a.name(), a.displayName(), a.description());
        }
        print(table);
        return null;
    }
}
