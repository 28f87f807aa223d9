package io.kato.shell.internal;

import io.kato.shell.internal.completers.AppCompleter;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;

/**
 * A command about one application: its team and name come first ({@code kato:x TEAM APP
 * …}); a command's own arguments follow from index 2.
 */
public abstract class AppCommandSupport extends KatoCommandSupport {
    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "app", required = true)
    @Completion(AppCompleter.class)
    String app;
}
