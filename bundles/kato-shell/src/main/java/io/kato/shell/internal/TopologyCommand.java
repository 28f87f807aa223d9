package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Topology;
import io.kato.api.service.DependencyService;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "topology", description = "Shows an app's components, their states and what each"
        + " depends on (GET …/apps/{app}/topology?format=svg draws it)")
public class TopologyCommand extends AppCommandSupport {
    @Reference
    DependencyService dependencies;

    @Override
    protected Object run(Actor actor) {
        Topology t = dependencies.topology(actor, team, app);
        ShellTable table = new ShellTable();
        table.column("Component");
        table.column("State");
        table.column("Kind");
        table.column("Depends on").maxSize(60).wrap();
        for (Topology.Node n : t.nodes()) {
            List<String> on = t.edges().stream().filter(e -> e.from().equals(n.component())).map(Topology.Edge::to)
                    .toList();
            table.addRow().addContent(n.component() + (n.app().equals(t.app()) ? "" : " (" + n.app() + ")"),
                    n.state(), n.sourceKind(), on.isEmpty() ? "-" : String.join(", ", on));
        }
        print(table);
        return null;
    }
}
