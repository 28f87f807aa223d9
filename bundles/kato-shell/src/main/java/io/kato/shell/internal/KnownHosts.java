package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.KnownHost;
import io.kato.api.service.KnownHostService;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "known-hosts", description = "Lists the SSH host keys a team trusts (or forgets one"
        + " with --delete, so that the next fetch trusts the key it meets)")
public class KnownHosts extends KatoCommandSupport {
    @Reference
    KnownHostService hosts;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Option(name = "-d", aliases = "--delete", description = "Host (name, or name:port) whose key to forget")
    String delete;

    @Override
    protected Object run(Actor actor) {
        if (delete != null) {
            hosts.delete(actor, team, delete);
            out().println("The key of " + delete + " is forgotten: the next fetch trusts the key it meets");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Host");
        table.column("Fingerprint");
        table.column("Type");
        table.column("Trusted");
        table.column("Since");
        for (KnownHost h : hosts.list(actor, team)) {
            table.addRow().addContent(h.host(), h.fingerprint(), h.key().split(" ")[0],
                    h.pinned() ? "pinned" : "on first use", h.createdAt());
        }
        print(table);
        return null;
    }
}
