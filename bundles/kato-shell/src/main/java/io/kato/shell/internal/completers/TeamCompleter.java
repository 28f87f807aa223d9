package io.kato.shell.internal.completers;

import io.kato.api.PageRequest;
import io.kato.api.model.Team;
import io.kato.api.service.AccessService;
import io.kato.api.service.TeamService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes team names. */
@Service
public class TeamCompleter implements Completer {
    @Reference
    TeamService teams;

    @Reference
    AccessService access;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        for (Team t : teams.list(access.operator("completion"), PageRequest.all()).items()) {
            names.getStrings().add(t.name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
