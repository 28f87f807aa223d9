package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.ValidationException;
import io.kato.api.model.SourceCredential;
import io.kato.api.model.Team;
import io.kato.api.service.CredentialService;
import io.kato.api.source.Credentials;
import io.kato.store.CredentialRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.Tx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Team credentials for private repositories. The secret (or the generated private key)
 * is sealed with the server's key before it is stored, and only opened for a fetch.
 */
@Component(service = {CredentialService.class, CredentialServiceImpl.class})
public class CredentialServiceImpl extends ServiceSupport implements CredentialService {
    static final int MAX_SECRET = 16_384;
    private final Secrets secrets;

    @Activate
    public CredentialServiceImpl(@Reference Store store, @Reference Secrets secrets) {
        this(store, secrets, Clock.systemUTC());
    }

    CredentialServiceImpl(Store store, Secrets secrets, Clock clock) {
        super(store, clock);
        this.secrets = secrets;
    }

    @Override
    public List<SourceCredential> list(Actor actor, String team) {
        return tx(tx -> new CredentialRows(tx).list(Access.team(tx, actor, team, Access.Need.READ).id()).stream()
                .map(CredentialServiceImpl::shown).toList());
    }

    @Override
    public SourceCredential create(Actor actor, String team, CredentialDraft draft) {
        if (draft == null) {
            throw ValidationException.of("body", "is required: {\"name\": \"github\", \"type\": \"token\", ...}");
        }
        String name = Names.dnsLabel("name", draft.name());
        String type = draft.type() == null ? "" : draft.type().strip().toLowerCase(Locale.ROOT);
        String username = draft.username() == null || draft.username().isBlank() ? null : draft.username().strip();
        String secret;
        String publicKey = null;
        switch (type) {
            case "password", "token" -> {
                if (type.equals("password") && username == null) {
                    throw ValidationException.of("username", "is required for a password credential");
                }
                if (draft.secret() == null || draft.secret().isEmpty() || draft.secret().length() > MAX_SECRET) {
                    throw ValidationException.of("secret", "is required (at most " + MAX_SECRET + " characters)");
                }
                secret = draft.secret();
            }
            case "ssh" -> {
                if (draft.secret() != null) {
                    throw ValidationException.of("secret", "must be empty for ssh: Kato generates the key pair and"
                            + " shows you its public key");
                }
                SshKeys.Pair pair = SshKeys.generate("kato-" + team + "-" + name);
                secret = pair.privatePem();
                publicKey = pair.publicOpenSsh();
            }
            default -> throw ValidationException.of("type", "'" + draft.type() + "' is not one of password, token,"
                    + " ssh");
        }
        String sealed = secrets.seal(secret);
        String taken = "Team '" + team + "' already has a credential '" + name + "'";
        String key = publicKey;
        return tx(() -> taken, tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            CredentialRows rows = new CredentialRows(tx);
            if (rows.byName(t.id(), name).isPresent()) {
                throw new ConflictException(taken);
            }
            CredentialRows.Row row = new CredentialRows.Row(Rows.newId(), t.id(), name, type, username, sealed, key,
                    now());
            rows.insert(row);
            SourceCredential shown = shown(row);
            record(tx, actor, t.id(), "create", "credential", name, null, shown);
            return shown;
        });
    }

    @Override
    public void delete(Actor actor, String team, String name) {
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            if (!new CredentialRows(tx).delete(t.id(), name == null ? "" : name)) {
                throw NotFoundException.of("credential", name);
            }
            record(tx, actor, t.id(), "delete", "credential", name, name, null);
            return null;
        });
    }

    /** Opens a team's credential for one fetch; only the core calls this. */
    Credentials open(Tx tx, String teamId, String name) {
        CredentialRows.Row row = new CredentialRows(tx).byName(teamId, name)
                .orElseThrow(() -> NotFoundException.of("credential", name));
        String plain = secrets.open(row.sealedSecret());
        return switch (row.type()) {
            case "password" -> new Credentials(Credentials.Type.PASSWORD, row.username(), plain.toCharArray(), null);
            case "token" -> new Credentials(Credentials.Type.TOKEN, row.username(), plain.toCharArray(), null);
            default -> new Credentials(Credentials.Type.SSH_KEY, "git", null, plain.getBytes(StandardCharsets.US_ASCII));
        };
    }

    private static SourceCredential shown(CredentialRows.Row r) {
        return new SourceCredential(r.name(), r.type(), r.username(), r.publicKey(), r.createdAt());
    }

}
