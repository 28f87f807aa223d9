package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ForbiddenException;
import io.kato.api.NotFoundException;
import io.kato.api.model.Role;
import io.kato.api.model.Team;
import io.kato.store.TeamRows;
import io.kato.store.Tx;

/**
 * The one place roles are checked. A team the actor has no role in answers "not found",
 * exactly like a team that does not exist, so names of other tenants do not leak.
 */
final class Access {
    enum Need { READ, WRITE, MANAGE }

    private Access() {
    }

    static Team team(Tx tx, Actor actor, String teamName, Need need) {
        Team team = new TeamRows(tx).byName(teamName == null ? "" : teamName)
                .orElseThrow(() -> NotFoundException.of("team", teamName));
        Role role = actor.roleIn(team.id()).orElseThrow(() -> NotFoundException.of("team", teamName));
        boolean allowed = switch (need) {
            case READ -> true;
            case WRITE -> role.canWrite();
            case MANAGE -> role.canManage();
        };
        if (!allowed) {
            throw new ForbiddenException("Your role in team '" + teamName + "' is " + role + ", which cannot "
                    + (need == Need.WRITE ? "make changes" : "manage the team") + ": ask a team admin for "
                    + (need == Need.WRITE ? "the developer role" : "the admin role"));
        }
        return team;
    }

    static void requirePlatformAdmin(Actor actor, String what) {
        if (!actor.admin()) {
            throw new ForbiddenException("Only platform admins may " + what);
        }
    }
}
