package io.kato.shell.internal.completers;

import io.kato.api.KatoException;
import io.kato.api.PageRequest;
import io.kato.api.model.Component;
import io.kato.api.service.AccessService;
import io.kato.api.service.ComponentService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes component names of the team given as the command's first argument. */
@Service
public class ComponentCompleter implements Completer {
    @Reference
    ComponentService components;

    @Reference
    AccessService access;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        String team = TeamArgument.of(commandLine);
        if (team != null) {
            try {
                for (Component c : components.list(access.operator("completion"), team, PageRequest.all()).items()) {
                    names.getStrings().add(c.name());
                }
            } catch (KatoException unknownTeam) {
                // nothing to offer
            }
        }
        return names.complete(session, commandLine, candidates);
    }
}
