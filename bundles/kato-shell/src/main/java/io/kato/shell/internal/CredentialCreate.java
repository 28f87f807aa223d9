package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.SourceCredential;
import io.kato.api.service.CredentialService;
import io.kato.api.service.CredentialService.CredentialDraft;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Service
@Command(scope = "kato", name = "credential-create", description = "Stores a credential for private repositories;"
        + " type ssh generates a key pair and prints its public key to add as a deploy key")
public class CredentialCreate extends KatoCommandSupport {
    @Reference
    CredentialService credentials;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "name", required = true, description = "DNS-1123 name of the credential")
    String name;

    @Option(name = "-t", aliases = "--type", required = true, description = "password, token or ssh")
    @Completion(value = StringsCompleter.class, values = {"password", "token", "ssh"})
    String type;

    @Option(name = "-u", aliases = "--username", description = "User name (password; optional for token)")
    String username;

    @Option(name = "-s", aliases = "--secret", description = "The password or token (omit for ssh)")
    String secret;

    @Override
    protected Object run(Actor actor) {
        SourceCredential c = credentials.create(actor, team, new CredentialDraft(name, type, username, secret));
        out().println("Credential " + c.name() + " (" + c.type() + ") stored for team " + team);
        if (c.publicKey() != null) {
            out().println("Add this public key to the repository as a read-only deploy key:");
            out().println(c.publicKey());
        }
        return null;
    }
}
