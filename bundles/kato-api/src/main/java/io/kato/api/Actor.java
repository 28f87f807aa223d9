package io.kato.api;

import io.kato.api.model.Role;
import java.util.Map;
import java.util.Optional;

/**
 * Who an operation is done for: a user authenticated by token (REST) or an operator
 * logged in to the Karaf shell. Services check roles through it and record its name
 * in events and audit records.
 *
 * @param name        the name recorded as the actor ({@code alice}, {@code shell:karaf})
 * @param userId      the user's id, or {@code null} for shell operators and the system
 * @param admin       a platform admin: every team, every role
 * @param teamRoles   team id to the role the actor has there
 * @param requestId   correlates the audit records of one request
 */
public record Actor(String name, String userId, boolean admin, Map<String, Role> teamRoles, String requestId) {
    public Actor {
        teamRoles = Map.copyOf(teamRoles);
    }

    /** The platform itself (bootstrap, reconciler, job retries). */
    public static Actor system() {
        return new Actor("system", null, true, Map.of(), null);
    }

    /** The role this actor has in a team; admins are admins everywhere. */
    public Optional<Role> roleIn(String teamId) {
        return admin ? Optional.of(Role.ADMIN) : Optional.ofNullable(teamRoles.get(teamId));
    }

    public Actor withRequestId(String id) {
        return new Actor(name, userId, admin, teamRoles, id);
    }
}
