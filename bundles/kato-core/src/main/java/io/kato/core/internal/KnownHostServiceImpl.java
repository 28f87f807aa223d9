package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.ValidationException;
import io.kato.api.model.KnownHost;
import io.kato.api.model.Team;
import io.kato.api.service.KnownHostService;
import io.kato.api.source.HostKey;
import io.kato.api.source.HostKeys;
import io.kato.store.DuplicateKeyException;
import io.kato.store.KnownHostRows;
import io.kato.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The SSH host keys each team trusts: pinned by members, or recorded the first time a
 * fetch meets a host ({@link #forTeam}).
 */
@Component(service = {KnownHostService.class, KnownHostServiceImpl.class})
public class KnownHostServiceImpl extends ServiceSupport implements KnownHostService {
    /** {@code name}, {@code name:port}, {@code [v6]} or {@code [v6]:port}, as {@link HostKeys#name} writes them. */
    private static final Pattern HOST = Pattern.compile(
            "(\\[[0-9a-f:.]{2,45}]|[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?)(:[1-9][0-9]{0,4})?");

    @Activate
    public KnownHostServiceImpl(@Reference Store store) {
        this(store, Clock.systemUTC());
    }

    KnownHostServiceImpl(Store store, Clock clock) {
        super(store, clock);
    }

    @Override
    public List<KnownHost> list(Actor actor, String team) {
        return tx(tx -> new KnownHostRows(tx).list(Access.team(tx, actor, team, Access.Need.READ).id()).stream()
                .map(KnownHostServiceImpl::shown).toList());
    }

    @Override
    public KnownHost pin(Actor actor, String team, String host, String key) {
        String name = host(host);
        HostKey parsed = HostKey.parse("key", key);
        String taken = "Team '" + team + "' already trusts a key for " + name + ": delete it first to replace it";
        return tx(() -> taken, tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            KnownHostRows rows = new KnownHostRows(tx);
            if (rows.byHost(t.id(), name).isPresent()) {
                throw new ConflictException(taken);
            }
            KnownHostRows.Row row = new KnownHostRows.Row(t.id(), name, parsed.type(), parsed.blob(), true, now());
            rows.insert(row);
            KnownHost shown = shown(row);
            record(tx, actor, t.id(), "pin", "known-host", name, null, shown);
            return shown;
        });
    }

    @Override
    public void delete(Actor actor, String team, String host) {
        // Any stored name can be forgotten, even one the pin rules would not accept.
        String name = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            KnownHostRows rows = new KnownHostRows(tx);
            KnownHost before = rows.byHost(t.id(), name).map(KnownHostServiceImpl::shown)
                    .orElseThrow(() -> NotFoundException.of("known host", name));
            rows.delete(t.id(), name);
            record(tx, actor, t.id(), "delete", "known-host", name, before, null);
            return null;
        });
    }

    /** The team's trusted keys, as a fetch consults them; each call is its own transaction. */
    HostKeys forTeam(String teamId) {
        return new HostKeys() {
            @Override
            public Optional<HostKey> trusted(String host) {
                return store.inTransaction(tx -> new KnownHostRows(tx).byHost(teamId, host))
                        .map(r -> new HostKey(r.keyType(), r.keyBlob()));
            }

            @Override
            public boolean trustFirstSeen(String host, HostKey key) {
                try {
                    store.inTransaction(tx -> {
                        new KnownHostRows(tx).insert(new KnownHostRows.Row(teamId, host, key.type(), key.blob(), false,
                                now()));
                        return null;
                    });
                    return true;
                } catch (DuplicateKeyException e) {
                    // Another fetch recorded a key first: trust only if it recorded this very key.
                    return trusted(host).filter(key::equals).isPresent();
                }
            }
        };
    }

    private static String host(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(h).matches()) {
            throw ValidationException.of("host", "must be a host name or address, with ':port' when the port is"
                    + " not 22 (e.g. git.example.org or git.example.org:2222)");
        }
        return h;
    }

    private static KnownHost shown(KnownHostRows.Row r) {
        HostKey key = new HostKey(r.keyType(), r.keyBlob());
        return new KnownHost(r.host(), key.toString(), key.fingerprint(), r.pinned(), r.createdAt());
    }
}
