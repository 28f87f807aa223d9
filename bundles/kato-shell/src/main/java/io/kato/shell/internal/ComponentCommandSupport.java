package io.kato.shell.internal;

import io.kato.shell.internal.completers.ComponentCompleter;
import io.kato.shell.internal.completers.TeamCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;

/**
 * A command about one component: its team and name come first ({@code kato:x TEAM
 * COMPONENT …}); a command's own arguments follow from index 2.
 */
public abstract class ComponentCommandSupport extends KatoCommandSupport {
    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "component", required = true)
    @Completion(ComponentCompleter.class)
    String component;
}
