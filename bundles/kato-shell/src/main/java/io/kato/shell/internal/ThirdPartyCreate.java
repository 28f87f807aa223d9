package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.ValidationException;
import io.kato.api.model.HealthCheck;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.service.ThirdPartyService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "third-party-create", description = "Registers a service outside the platform as a"
        + " component other components can depend on (see kato:registration for its endpoints)")
public class ThirdPartyCreate extends AppCommandSupport {
    @Reference
    ThirdPartyService thirdParty;

    @Argument(index = 2, name = "name", required = true, description = "The component's name")
    String name;

    @Option(name = "--port", required = true, description = "Its one port")
    int port;

    @Option(name = "--protocol", description = "What the port speaks (http, tcp, udp, mysql…; default tcp)")
    String protocol;

    @Option(name = "--alias", description = "Names its connection variables: ALIAS_HOST, ALIAS_PORT (default: the"
            + " name in upper case)")
    String alias;

    @Option(name = "--method", description = "static (default), api, … (see GET /api/v1/registration-methods)")
    String method = "static";

    @Option(name = "--set", multiValued = true, description = "KEY=VALUE of the method's config, e.g."
            + " addresses=10.0.0.5,10.0.0.6:3307")
    List<String> config;

    @Option(name = "--health", description = "tcp (default), http or none")
    String health;

    @Option(name = "--health-path", description = "The path of an http check")
    String healthPath;

    @Option(name = "--health-period", description = "Seconds between checks (default 10)")
    Integer period;

    @Override
    protected Object run(Actor actor) {
        Map<String, String> settings = pairs("--set", config, "KEY=VALUE, like addresses=10.0.0.5");
        Protocol p;
        try {
            p = protocol == null ? Protocol.TCP : Protocol.valueOf(protocol.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("--protocol", "'" + protocol + "' is none of " + List.of(Protocol.values()));
        }
        HealthCheck check = health == null && healthPath == null && period == null ? null
                : new HealthCheck(health, healthPath, period, null, null, null);
        ThirdPartyService.Registered r = thirdParty.create(actor, team, new ThirdPartyService.ThirdPartyDraft(name,
                app, null, new Port(port, p, alias, true, false), method, settings, check));
        out().println("Component " + r.component().name() + " registered by " + r.registration().method()
                + " on port " + port + " (" + r.component().ports().get(0).alias() + "_HOST, "
                + r.component().ports().get(0).alias() + "_PORT)");
        if (r.registration().secretKey() != null) {
            out().println("Secret key for pushing endpoints (shown once): " + r.registration().secretKey());
        }
        return null;
    }
}
