package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.model.ApiToken;
import io.kato.api.model.User;
import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Users, their API tokens and authentication. Tokens are random, shown once when issued
 * and stored as hashes. Managing users is for platform admins; a user may list and
 * manage its own tokens.
 */
@ProviderType
public interface AccessService {
    /**
     * Resolves a bearer token to the actor it belongs to.
     *
     * @throws io.kato.api.UnauthenticatedException when the token is unknown, revoked or expired
     */
    Actor authenticate(String bearerToken);

    /** The actor for an operator logged in to the Karaf shell (a platform admin). */
    Actor operator(String shellUser);

    Page<User> listUsers(Actor actor, PageRequest page);

    User getUser(Actor actor, String user);

    User createUser(Actor actor, UserDraft draft);

    /** Deletes the user with its tokens and memberships; the last platform admin cannot be deleted. */
    void deleteUser(Actor actor, String user);

    /** Issues a token; {@code ttl} {@code null} means it does not expire. */
    IssuedToken issueToken(Actor actor, String user, String tokenName, Duration ttl);

    List<ApiToken> tokens(Actor actor, String user);

    void revokeToken(Actor actor, String user, String tokenId);

    record UserDraft(String name, String displayName, Boolean admin) {
    }

    /** A token as issued: {@code token} is the only copy of the secret. */
    record IssuedToken(ApiToken metadata, String token) {
    }
}
