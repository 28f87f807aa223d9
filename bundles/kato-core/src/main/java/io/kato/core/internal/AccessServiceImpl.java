package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.ForbiddenException;
import io.kato.api.NotFoundException;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.UnauthenticatedException;
import io.kato.api.ValidationException;
import io.kato.api.model.ApiToken;
import io.kato.api.model.Membership;
import io.kato.api.model.Role;
import io.kato.api.model.User;
import io.kato.api.service.AccessService;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import io.kato.store.Tx;
import io.kato.store.UserRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = AccessService.class)
public class AccessServiceImpl extends ServiceSupport implements AccessService {
    private static final int MIN_TOKEN_LENGTH = 20;

    @Activate
    public AccessServiceImpl(@Reference Store store, @Reference Bootstrap bootstrap) {
        this(store, Clock.systemUTC());
    }

    AccessServiceImpl(Store store, Clock clock) {
        super(store, clock);
    }

    @Override
    public Actor authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.length() < MIN_TOKEN_LENGTH) {
            throw new UnauthenticatedException("Missing or malformed token: send 'Authorization: Bearer <token>'");
        }
        String hash = TokenHash.hash(bearerToken);
        return tx(tx -> {
            UserRows.TokenOwner owner = new UserRows(tx).tokenByHash(hash)
                    .orElseThrow(() -> new UnauthenticatedException("Unknown or revoked token"));
            if (owner.token().expiresAt() != null && owner.token().expiresAt().isBefore(now())) {
                throw new UnauthenticatedException("The token expired: issue a new one");
            }
            return actorOf(tx, owner.user());
        }).withRequestId(UUID.randomUUID().toString());
    }

    @Override
    public Actor operator(String shellUser) {
        return new Actor("shell:" + shellUser, null, true, Map.of(), UUID.randomUUID().toString());
    }

    private static Actor actorOf(Tx tx, User user) {
        Map<String, Role> roles = new HashMap<>();
        for (Membership m : new TeamRows(tx).membershipsOf(user.id())) {
            roles.put(m.teamId(), m.role());
        }
        return new Actor(user.name(), user.id(), user.admin(), roles, null);
    }

    @Override
    public Page<User> listUsers(Actor actor, PageRequest page) {
        Access.requirePlatformAdmin(actor, "list users");
        return tx(tx -> {
            UserRows rows = new UserRows(tx);
            return new Page<>(rows.list(page.offset(), page.limit()), page.offset(), page.limit(), rows.count());
        });
    }

    @Override
    public User getUser(Actor actor, String user) {
        return tx(tx -> visibleUser(tx, actor, user));
    }

    @Override
    public User createUser(Actor actor, UserDraft draft) {
        Access.requirePlatformAdmin(actor, "create users");
        if (draft == null) {
            throw ValidationException.of("body", "is required: {\"name\": \"alice\"}");
        }
        String name = Names.dnsLabel("name", draft.name());
        String taken = "User '" + name + "' already exists: choose another name";
        return tx(() -> taken, tx -> {
            UserRows rows = new UserRows(tx);
            if (rows.byName(name).isPresent()) {
                throw new ConflictException(taken);
            }
            User u = new User(Rows.newId(), name, Names.text("displayName", draft.displayName(), 200, name),
                    Boolean.TRUE.equals(draft.admin()), 1, now());
            rows.insert(u);
            record(tx, actor, null, "create", "user", name, null, u);
            return u;
        });
    }

    @Override
    public void deleteUser(Actor actor, String user) {
        Access.requirePlatformAdmin(actor, "delete users");
        tx(tx -> {
            UserRows rows = new UserRows(tx);
            User u = rows.byName(user == null ? "" : user).orElseThrow(() -> NotFoundException.of("user", user));
            if (u.admin()) {
                rows.lockAdmins();
            }
            if (u.admin() && rows.countAdmins() <= 1) {
                throw new ConflictException("User '" + user + "' is the last platform admin: make another admin first");
            }
            rows.delete(u.id());
            record(tx, actor, null, "delete", "user", user, u, null);
            return null;
        });
    }

    @Override
    public IssuedToken issueToken(Actor actor, String user, String tokenName, Duration ttl) {
        String name = Names.text("name", tokenName, 100, "token");
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw ValidationException.of("ttl", "must be positive, e.g. P30D");
        }
        String token = TokenHash.newToken();
        return tx(tx -> {
            User u = visibleUser(tx, actor, user);
            Instant now = now();
            ApiToken meta = new ApiToken(Rows.newId(), u.id(), name, now, ttl == null ? null : now.plus(ttl));
            new UserRows(tx).insertToken(meta, TokenHash.hash(token));
            record(tx, actor, null, "issue-token", "user", u.name(), null, meta);
            return new IssuedToken(meta, token);
        });
    }

    @Override
    public List<ApiToken> tokens(Actor actor, String user) {
        return tx(tx -> new UserRows(tx).tokens(visibleUser(tx, actor, user).id()));
    }

    @Override
    public void revokeToken(Actor actor, String user, String tokenId) {
        tx(tx -> {
            User u = visibleUser(tx, actor, user);
            if (!new UserRows(tx).deleteToken(u.id(), tokenId == null ? "" : tokenId)) {
                throw NotFoundException.of("token", tokenId);
            }
            record(tx, actor, null, "revoke-token", "user", u.name(), tokenId, null);
            return null;
        });
    }

    /** Admins see every user; others only themselves (and learn nothing of the rest). */
    private static User visibleUser(Tx tx, Actor actor, String user) {
        User u = new UserRows(tx).byName(user == null ? "" : user).orElseThrow(() -> NotFoundException.of("user", user));
        if (!actor.admin() && !u.id().equals(actor.userId())) {
            if (actor.userId() == null) {
                throw new ForbiddenException("Only platform admins may manage other users");
            }
            throw NotFoundException.of("user", user);
        }
        return u;
    }
}
