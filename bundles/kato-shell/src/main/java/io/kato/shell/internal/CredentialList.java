package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.SourceCredential;
import io.kato.api.service.CredentialService;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "credential-list", description = "Lists a team's credentials (or deletes one with --delete)")
public class CredentialList extends KatoCommandSupport {
    @Reference
    CredentialService credentials;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Option(name = "-d", aliases = "--delete", description = "Name of a credential to delete")
    String delete;

    @Override
    protected Object run(Actor actor) {
        if (delete != null) {
            credentials.delete(actor, team, delete);
            out().println("Credential " + delete + " deleted");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Type");
        table.column("User");
        table.column("Public key");
        for (SourceCredential c : credentials.list(actor, team)) {
            table.addRow().addContent(c.name(), c.type(), orDash(c.username()), orDash(c.publicKey()));
        }
        print(table);
        return null;
    }
}
