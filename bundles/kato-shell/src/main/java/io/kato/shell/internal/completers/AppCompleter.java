package io.kato.shell.internal.completers;

import io.kato.api.Actor;
import io.kato.api.PageRequest;
import io.kato.api.model.App;
import io.kato.api.service.AppService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes application names of the team named first on the command line. */
@Service
public class AppCompleter extends TeamScopedCompleter {
    @Reference
    AppService apps;

    @Override
    List<String> names(Actor actor, String team) {
        return apps.list(actor, team, PageRequest.all()).items().stream().map(App::name).toList();
    }
}
