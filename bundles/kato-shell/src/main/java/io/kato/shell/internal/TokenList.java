package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.ApiToken;
import io.kato.shell.internal.completers.UserCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "token-list", description = "Lists a user's tokens (or revokes one with --revoke)")
public class TokenList extends KatoCommandSupport {
    @Argument(index = 0, name = "user", required = true)
    @Completion(UserCompleter.class)
    String user;

    @Option(name = "-r", aliases = "--revoke", description = "Id of a token to revoke")
    String revoke;

    @Override
    protected Object run(Actor actor) {
        if (revoke != null) {
            access.revokeToken(actor, user, revoke);
            out().println("Token " + revoke + " revoked");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Created");
        table.column("Expires");
        for (ApiToken t : access.tokens(actor, user)) {
            table.addRow().addContent(t.id(), t.name(), t.createdAt(), orDash(t.expiresAt()));
        }
        print(table);
        return null;
    }
}
