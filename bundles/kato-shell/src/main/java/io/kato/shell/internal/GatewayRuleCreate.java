package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.ValidationException;
import io.kato.api.model.GatewayRule;
import io.kato.api.service.GatewayRuleService;
import io.kato.shell.internal.completers.TeamCompleter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "gateway-rule-create", description = "Routes a domain (and path prefix, and headers)"
        + " to components by weight, e.g. --backend web=90 --backend web-next=10")
public class GatewayRuleCreate extends KatoCommandSupport {
    @Reference
    GatewayRuleService rules;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "domain", required = true, description = "e.g. shop.example.org")
    String domain;

    @Option(name = "-p", aliases = "--path", description = "Path prefix (default /)")
    String path;

    @Option(name = "-H", aliases = "--header", multiValued = true, description = "NAME=VALUE a request must carry")
    List<String> headers = new ArrayList<>();

    @Option(name = "-b", aliases = "--backend", multiValued = true, required = true,
            description = "COMPONENT=WEIGHT (0 to 100), or COMPONENT for weight 100")
    List<String> backends = new ArrayList<>();

    @Override
    protected Object run(Actor actor) {
        Map<String, String> match = new LinkedHashMap<>();
        for (String h : headers) {
            int eq = h.indexOf('=');
            if (eq <= 0) {
                throw ValidationException.of("header", "'" + h + "' is not NAME=VALUE");
            }
            match.put(h.substring(0, eq), h.substring(eq + 1));
        }
        List<GatewayRule.Backend> to = new ArrayList<>();
        for (String b : backends) {
            int eq = b.indexOf('=');
            try {
                to.add(eq < 0 ? new GatewayRule.Backend(b, 100)
                        : new GatewayRule.Backend(b.substring(0, eq), Integer.parseInt(b.substring(eq + 1))));
            } catch (NumberFormatException e) {
                throw ValidationException.of("backend", "'" + b + "' is not COMPONENT=WEIGHT");
            }
        }
        GatewayRule r = rules.create(actor, team, new GatewayRuleService.RuleDraft(domain, path, match, to));
        out().println("Gateway rule " + r.id() + ": " + r.domain() + r.pathPrefix() + " -> " + r.backends());
        return null;
    }
}
