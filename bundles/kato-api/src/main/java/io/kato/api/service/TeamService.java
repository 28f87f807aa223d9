package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.model.Membership;
import io.kato.api.model.Role;
import io.kato.api.model.Team;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Teams and their members. A team the actor is not a member of does not exist for it
 * ({@link io.kato.api.NotFoundException}). {@code expectedVersion}, when not {@code null},
 * must equal the current version or the call fails with
 * {@link io.kato.api.PreconditionFailedException}; a write that loses a race with another
 * writer fails with {@link io.kato.api.ConflictException}.
 */
@ProviderType
public interface TeamService {
    Page<Team> list(Actor actor, PageRequest page);

    Team get(Actor actor, String team);

    /** Platform admins only; the creator does not become a member (admins see every team). */
    Team create(Actor actor, TeamDraft draft);

    /**
     * Changes the team. A new {@code runtime} must be one the server has now (see
     * {@link RuntimeRegistry}; empty: back to the server's active one), and is refused while
     * any of the team's components is wanted running: stop them, change it, start them
     * again, and they build and run there. Versions keep the artifacts they were built with,
     * so source components need a build on the new runtime.
     */
    Team update(Actor actor, String team, TeamChanges changes, Long expectedVersion);

    /** Refused while the team still has applications or components. */
    void delete(Actor actor, String team, Long expectedVersion);

    List<Membership> members(Actor actor, String team);

    Membership setMember(Actor actor, String team, String user, Role role);

    void removeMember(Actor actor, String team, String user);

    /**
     * A new team: its DNS-1123 name, an optional display name, environment name (default
     * {@code DEV}) and runtime (default: the server's active one).
     */
    record TeamDraft(String name, String displayName, String environment, String runtime) {
        public TeamDraft(String name, String displayName, String environment) {
            this(name, displayName, environment, null);
        }
    }

    /** What to change; {@code null} leaves a field as it is ({@code runtime} empty: the server's active one). */
    record TeamChanges(String displayName, String environment, String runtime) {
        public TeamChanges(String displayName, String environment) {
            this(displayName, environment, null);
        }
    }
}
