package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Team;
import io.kato.api.service.TeamService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "team-list", description = "Lists teams")
public class TeamList extends KatoCommandSupport {
    @Reference
    TeamService teams;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Display name");
        table.column("Environment");
        table.column("Version");
        for (Team t : teams.list(actor, all()).items()) {
            table.addRow().addContent(t.name(), t.displayName(), t.environment(), t.version());
        }
        print(table);
        return null;
    }
}
