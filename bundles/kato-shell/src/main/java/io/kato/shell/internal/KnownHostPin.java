package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.KnownHost;
import io.kato.api.service.KnownHostService;
import io.kato.shell.internal.completers.TeamCompleter;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "known-host-pin", description = "Trusts an SSH host key before the first fetch,"
        + " instead of the key the first connection shows")
public class KnownHostPin extends KatoCommandSupport {
    @Reference
    KnownHostService hosts;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "host", required = true, description = "name, or name:port when not 22")
    String host;

    @Argument(index = 2, name = "key", required = true, multiValued = true,
            description = "the public key, 'type base64' (as ssh-keyscan prints after the host)")
    List<String> key;

    @Override
    protected Object run(Actor actor) {
        KnownHost pinned = hosts.pin(actor, team, host, String.join(" ", key));
        out().println("Team " + team + " trusts " + pinned.host() + " with " + pinned.fingerprint());
        return null;
    }
}
