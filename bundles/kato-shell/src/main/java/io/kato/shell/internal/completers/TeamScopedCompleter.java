package io.kato.shell.internal.completers;

import io.kato.api.Actor;
import io.kato.api.KatoException;
import io.kato.api.service.AccessService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Completes names that live inside the team given as the command's first argument (its
 * first word after the command that is not an option).
 */
abstract class TeamScopedCompleter implements Completer {
    @Reference
    AccessService access;

    /** The names to offer in this team; may throw for an unknown team. */
    abstract List<String> names(Actor actor, String team);

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter offer = new StringsCompleter();
        String team = team(commandLine);
        if (team != null) {
            try {
                offer.getStrings().addAll(names(access.operator("completion"), team));
            } catch (KatoException unknownTeam) {
                // nothing to offer
            }
        }
        return offer.complete(session, commandLine, candidates);
    }

    static String team(CommandLine line) {
        String[] words = line.getArguments();
        for (int i = 1; i < line.getCursorArgumentIndex() && i < words.length; i++) {
            if (!words[i].startsWith("-")) {
                return words[i];
            }
        }
        return null;
    }
}
