package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.Durations;
import io.kato.api.service.AccessService.IssuedToken;
import io.kato.shell.internal.completers.UserCompleter;
import java.time.Duration;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "token-create", description = "Issues an API token; it is shown this once only")
public class TokenCreate extends KatoCommandSupport {
    @Argument(index = 0, name = "user", required = true)
    @Completion(UserCompleter.class)
    String user;

    @Option(name = "-n", aliases = "--name", description = "What the token is for")
    String name;

    @Option(name = "-t", aliases = "--ttl", description = "Lifetime as ISO-8601, e.g. P30D (default: no expiry)")
    String ttl;

    @Override
    protected Object run(Actor actor) {
        Duration lifetime = Durations.parse("--ttl", ttl);
        IssuedToken t = access.issueToken(actor, user, name, lifetime);
        out().println("Token " + t.metadata().id() + " for " + user + " (shown once, keep it safe):");
        out().println(t.token());
        return null;
    }
}
