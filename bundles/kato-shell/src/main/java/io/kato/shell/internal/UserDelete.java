package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.shell.internal.completers.UserCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "user-delete", description = "Deletes a user with its tokens and memberships")
public class UserDelete extends KatoCommandSupport {
    @Argument(index = 0, name = "user", required = true)
    @Completion(UserCompleter.class)
    String user;

    @Override
    protected Object run(Actor actor) {
        access.deleteUser(actor, user);
        out().println("User " + user + " deleted");
        return null;
    }
}
