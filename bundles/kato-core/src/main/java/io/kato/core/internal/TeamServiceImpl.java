package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.ValidationException;
import io.kato.api.model.Membership;
import io.kato.api.model.Role;
import io.kato.api.model.Team;
import io.kato.api.service.TeamService;
import io.kato.store.AppRows;
import io.kato.store.ComponentRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import io.kato.store.UserRows;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = TeamService.class)
public class TeamServiceImpl extends ServiceSupport implements TeamService {

    private final Runtimes runtimes;

    @Activate
    public TeamServiceImpl(@Reference Store store, @Reference Runtimes runtimes) {
        this(store, runtimes, Clock.systemUTC());
    }

    /** Teams that keep the server's runtime (tests). */
    TeamServiceImpl(Store store, Clock clock) {
        this(store, null, clock);
    }

    TeamServiceImpl(Store store, Runtimes runtimes, Clock clock) {
        super(store, clock);
        this.runtimes = runtimes;
    }

    /** Tells the runtimes a team's choice once it is committed. */
    private Team told(Team t) {
        if (runtimes != null) {
            runtimes.teamChanged(t.id(), t.runtime());
        }
        return t;
    }

    /** A runtime the server has now, or null for the server's active one ({@code ""}). */
    private String runtime(String wanted) {
        if (wanted == null || wanted.isBlank()) {
            return null;
        }
        if (runtimes == null || !runtimes.has(wanted)) {
            throw ValidationException.of("runtime", "'" + wanted + "' is not a runtime of this server (it has: "
                    + (runtimes == null ? "none but its active one" : runtimes.runtimes().stream()
                    .map(io.kato.api.service.RuntimeRegistry.RuntimeInfo::name).toList()) + "); leave it empty for"
                    + " the server's active runtime");
        }
        return wanted;
    }

    @Override
    public Page<Team> list(Actor actor, PageRequest page) {
        String member = actor.admin() ? null : actor.userId();
        if (!actor.admin() && member == null) {
            return new Page<>(List.of(), page.offset(), page.limit(), 0);
        }
        return tx(tx -> {
            TeamRows rows = new TeamRows(tx);
            return new Page<>(rows.list(member, page.offset(), page.limit()), page.offset(), page.limit(),
                    rows.count(member));
        });
    }

    @Override
    public Team get(Actor actor, String team) {
        return tx(tx -> Access.team(tx, actor, team, Access.Need.READ));
    }

    @Override
    public Team create(Actor actor, TeamDraft draft) {
        Access.requirePlatformAdmin(actor, "create teams");
        if (draft == null) {
            throw ValidationException.of("body", "is required: {\"name\": \"my-team\"}");
        }
        String name = Names.dnsLabel("name", draft.name());
        String environment = draft.environment() == null ? "DEV" : Names.environment("environment", draft.environment());
        String runtime = runtime(draft.runtime());
        Instant now = now();
        Team team = new Team(Rows.newId(), name, Names.text("displayName", draft.displayName(), 200, name),
                environment, 1, now, now, runtime);
        return told(tx(() -> "Team '" + name + "' already exists: choose another name", tx -> {
            TeamRows rows = new TeamRows(tx);
            if (rows.byName(name).isPresent()) {
                throw new ConflictException("Team '" + name + "' already exists: choose another name");
            }
            rows.insert(team);
            record(tx, actor, team.id(), "create", "team", name, null, team);
            return team;
        }));
    }

    @Override
    public Team update(Actor actor, String team, TeamChanges changes, Long expectedVersion) {
        if (changes == null) {
            throw ValidationException.of("body", "is required: the fields to change");
        }
        String environment = changes.environment() == null ? null : Names.environment("environment", changes.environment());
        String runtime = changes.runtime() == null ? null : runtime(changes.runtime());
        return told(tx(tx -> {
            Team current = Access.team(tx, actor, team, Access.Need.MANAGE);
            expectVersion("Team '" + team + "'", expectedVersion, current.version());
            String nextRuntime = changes.runtime() == null ? current.runtime() : runtime;
            if (!java.util.Objects.equals(nextRuntime, current.runtime())) {
                long running = new ComponentRows(tx).countRunning(current.id());
                if (running > 0) {
                    throw new ConflictException("Team '" + team + "' has " + running + " component(s) wanted running"
                            + " on its runtime: stop them first, change the runtime, then build and start them on"
                            + " the new one");
                }
                // stopped, but still stopping where they ran: moving now would leave them running there unseen
                runtimes.forTeam(current.id()).ifPresent(r -> new ComponentRows(tx).list(current.id(), 0, 10_000)
                        .stream().filter(c -> !r.observe(c.id()).instances().isEmpty()).findFirst().ifPresent(c -> {
                            throw new ConflictException("Component '" + c.name() + "' of team '" + team + "' is"
                                    + " still stopping on runtime '" + r.name() + "': try again in a moment");
                        }));
            }
            Team next = new Team(current.id(), current.name(),
                    Names.text("displayName", changes.displayName(), 200, current.displayName()),
                    environment == null ? current.environment() : environment, current.version() + 1,
                    current.createdAt(), now(), nextRuntime);
            if (!new TeamRows(tx).update(next, current.version())) {
                throw lostRace("Team '" + team + "'");
            }
            record(tx, actor, current.id(), "update", "team", team, current, next);
            return next;
        }));
    }

    @Override
    public void delete(Actor actor, String team, Long expectedVersion) {
        tx(tx -> {
            Team current = Access.team(tx, actor, team, Access.Need.MANAGE);
            expectVersion("Team '" + team + "'", expectedVersion, current.version());
            if (new AppRows(tx).count(current.id()) > 0 || new ComponentRows(tx).count(current.id()) > 0) {
                throw new ConflictException("Team '" + team + "' still has applications: delete them first");
            }
            // Events and audit records outlive the team on purpose: they are the history.
            if (!new TeamRows(tx).delete(current.id(), current.version())) {
                throw lostRace("Team '" + team + "'");
            }
            record(tx, actor, current.id(), "delete", "team", team, current, null);
            return null;
        });
    }

    @Override
    public List<Membership> members(Actor actor, String team) {
        return tx(tx -> new TeamRows(tx).members(Access.team(tx, actor, team, Access.Need.READ).id()));
    }

    @Override
    public Membership setMember(Actor actor, String team, String user, Role role) {
        if (role == null) {
            throw ValidationException.of("role", "is required: one of viewer, developer, admin");
        }
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.MANAGE);
            var u = new UserRows(tx).byName(user == null ? "" : user)
                    .orElseThrow(() -> NotFoundException.of("user", user));
            new TeamRows(tx).putMember(t.id(), u.id(), role);
            Membership m = new Membership(t.id(), t.name(), u.id(), u.name(), role);
            record(tx, actor, t.id(), "set-member", "team", team, null, m);
            return m;
        });
    }

    @Override
    public void removeMember(Actor actor, String team, String user) {
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.MANAGE);
            var u = new UserRows(tx).byName(user == null ? "" : user)
                    .orElseThrow(() -> NotFoundException.of("user", user));
            if (!new TeamRows(tx).removeMember(t.id(), u.id())) {
                throw new NotFoundException("User '" + user + "' is not a member of team '" + team + "'");
            }
            record(tx, actor, t.id(), "remove-member", "team", team, u.name(), null);
            return null;
        });
    }
}
