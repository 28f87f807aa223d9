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

    Team update(Actor actor, String team, TeamChanges changes, Long expectedVersion);

    /** Refused while the team still has applications or components. */
    void delete(Actor actor, String team, Long expectedVersion);

    List<Membership> members(Actor actor, String team);

    Membership setMember(Actor actor, String team, String user, Role role);

    void removeMember(Actor actor, String team, String user);

    /** A new team: its DNS-1123 name, an optional display name and environment name (default {@code DEV}). */
    record TeamDraft(String name, String displayName, String environment) {
    }

    /** What to change; {@code null} leaves a field as it is. */
    record TeamChanges(String displayName, String environment) {
    }
}
