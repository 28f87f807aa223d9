package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.PageRequest;
import io.kato.api.model.Event;
import io.kato.api.service.EventService;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "events", description = "Shows the operation log of a team, newest first")
public class EventList extends KatoCommandSupport {
    @Reference
    EventService events;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Option(name = "-n", aliases = "--limit", description = "How many events (default 20)")
    int limit = 20;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Started");
        table.column("Actor");
        table.column("Operation");
        table.column("Target");
        table.column("Status");
        for (Event e : events.list(actor, team, new PageRequest(0, limit)).items()) {
            table.addRow().addContent(e.startedAt(), e.actor(), e.operation(), e.targetKind() + "/" + e.targetName(),
                    e.status());
        }
        print(table);
        return null;
    }
}
