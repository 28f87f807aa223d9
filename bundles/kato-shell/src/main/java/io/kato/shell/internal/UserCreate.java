package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.User;
import io.kato.api.service.AccessService.UserDraft;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "user-create", description = "Creates a user (issue it a token with kato:token-create)")
public class UserCreate extends KatoCommandSupport {
    @Argument(index = 0, name = "name", required = true, description = "DNS-1123 user name")
    String name;

    @Option(name = "-d", aliases = "--display-name")
    String displayName;

    @Option(name = "--admin", description = "Make the user a platform admin")
    boolean admin;

    @Override
    protected Object run(Actor actor) {
        User u = access.createUser(actor, new UserDraft(name, displayName, admin));
        out().println("User " + u.name() + " created" + (u.admin() ? " (platform admin)" : ""));
        return null;
    }
}
