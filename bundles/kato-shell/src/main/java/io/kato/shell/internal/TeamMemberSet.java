package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.ValidationException;
import io.kato.api.model.Membership;
import io.kato.api.model.Role;
import io.kato.api.model.WireEnum;
import io.kato.api.service.TeamService;
import io.kato.shell.internal.completers.TeamCompleter;
import io.kato.shell.internal.completers.UserCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Service
@Command(scope = "kato", name = "team-member", description = "Gives a user a role in a team, or removes it with --remove")
public class TeamMemberSet extends KatoCommandSupport {
    @Reference
    TeamService teams;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "user", required = true)
    @Completion(UserCompleter.class)
    String user;

    @Argument(index = 2, name = "role", description = "viewer, developer or admin")
    @Completion(value = StringsCompleter.class, values = {"viewer", "developer", "admin"})
    String role;

    @Option(name = "-r", aliases = "--remove", description = "Remove the user from the team")
    boolean remove;

    @Override
    protected Object run(Actor actor) {
        if (remove) {
            teams.removeMember(actor, team, user);
            out().println(user + " removed from team " + team);
            return null;
        }
        Role r = WireEnum.parse(Role.class, role);
        if (r == null) {
            throw ValidationException.of("role", "'" + role + "' is not one of " + WireEnum.allowed(Role.class));
        }
        Membership m = teams.setMember(actor, team, user, r);
        out().println(m.userName() + " is " + m.role() + " of team " + m.teamName());
        return null;
    }
}
