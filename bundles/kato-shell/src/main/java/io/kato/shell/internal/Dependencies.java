package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Dependency;
import io.kato.api.model.Dependent;
import io.kato.api.service.DependencyService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "dependencies", description = "Lists, adds or removes what a component depends on;"
        + " --dependents lists what depends on it (and who runs with stale connection information)")
public class Dependencies extends ComponentCommandSupport {
    @Reference
    DependencyService dependencies;

    @Option(name = "--add", description = "Make the component depend on this one")
    String add;

    @Option(name = "--remove", description = "Remove its dependency on this one")
    String remove;

    @Option(name = "--dependents", description = "List the components that depend on it instead")
    boolean dependents;

    @Override
    protected Object run(Actor actor) {
        if (add != null) {
            Dependency d = dependencies.add(actor, team, component, add);
            out().println(component + " depends on " + d.component() + "; it receives "
                    + (d.connection().isEmpty() ? "no connection information yet" : String.join(", ", d.connection()))
                    + " at its next start, restart or upgrade");
            return null;
        }
        if (remove != null) {
            dependencies.remove(actor, team, component, remove);
            out().println(component + " no longer depends on " + remove);
            return null;
        }
        ShellTable table = new ShellTable();
        if (dependents) {
            table.column("Dependent");
            table.column("Running");
            table.column("Connection information");
            table.column("Received");
            for (Dependent d : dependencies.dependents(actor, team, component)) {
                table.addRow().addContent(d.component(), d.running() ? "yes" : "no", !d.running() ? "-"
                        : d.stale() ? "stale: restart it" : "current", d.receivedAt() == null ? "-" : d.receivedAt());
            }
        } else {
            table.column("Dependency");
            table.column("App");
            table.column("Kind");
            table.column("Passes on").maxSize(60).wrap();
            for (Dependency d : dependencies.dependencies(actor, team, component)) {
                table.addRow().addContent(d.component(), d.app(), d.sourceKind(),
                        d.connection().isEmpty() ? "-" : String.join(", ", d.connection()));
            }
        }
        print(table);
        return null;
    }
}
