package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.service.EventService;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "logs", description = "Prints an event's log (a build's, an operation's); with"
        + " --follow, goes on printing until the event ends")
public class LogsCommand extends KatoCommandSupport {
    @Reference
    EventService events;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "event", required = true, description = "The event's id (kato:events lists them)")
    String event;

    @Option(name = "-f", aliases = "--follow", description = "Print new lines as they come until the event ends")
    boolean follow;

    @Override
    protected Object run(Actor actor) throws InterruptedException {
        int printed = 0;
        while (true) {
            Event e = events.get(actor, team, event); // the status first: once ended, the log read next is whole
            String log = events.log(actor, team, event);
            out().print(log.substring(Math.min(printed, log.length())));
            out().flush();
            printed = log.length();
            if (!follow || e.status() != EventStatus.RUNNING) {
                if (follow) {
                    out().println(e.operation() + " " + e.status() + ": " + e.message());
                }
                return null;
            }
            Thread.sleep(300);
        }
    }
}
