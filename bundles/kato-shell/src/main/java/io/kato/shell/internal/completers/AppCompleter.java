package io.kato.shell.internal.completers;

import io.kato.api.KatoException;
import io.kato.api.PageRequest;
import io.kato.api.model.App;
import io.kato.api.service.AccessService;
import io.kato.api.service.AppService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes application names of the team given as the command's first argument. */
@Service
public class AppCompleter implements Completer {
    @Reference
    AppService apps;

    @Reference
    AccessService access;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        String team = TeamArgument.of(commandLine);
        if (team != null) {
            try {
                for (App a : apps.list(access.operator("completion"), team, PageRequest.all()).items()) {
                    names.getStrings().add(a.name());
                }
            } catch (KatoException unknownTeam) {
                // nothing to offer
            }
        }
        return names.complete(session, commandLine, candidates);
    }
}
