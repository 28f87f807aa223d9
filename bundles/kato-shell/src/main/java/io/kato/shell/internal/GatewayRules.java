package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.GatewayRule;
import io.kato.api.service.GatewayRuleService;
import io.kato.shell.internal.completers.TeamCompleter;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "gateway-rules", description = "Lists a team's custom gateway rules, or deletes one")
public class GatewayRules extends KatoCommandSupport {
    @Reference
    GatewayRuleService rules;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Option(name = "--delete", description = "The id of a rule to delete")
    String delete;

    @Override
    protected Object run(Actor actor) {
        if (delete != null) {
            rules.delete(actor, team, delete);
            out().println("Deleted gateway rule " + delete);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Domain");
        table.column("Path");
        table.column("Headers");
        table.column("Backends");
        for (GatewayRule r : rules.list(actor, team)) {
            table.addRow().addContent(r.id(), r.domain(), r.pathPrefix(), r.headers().isEmpty() ? "-"
                    : r.headers().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")), r.backends().stream().map(b -> b.component() + "=" + b.weight())
                    .collect(Collectors.joining(",")));
        }
        print(table);
        return null;
    }
}
