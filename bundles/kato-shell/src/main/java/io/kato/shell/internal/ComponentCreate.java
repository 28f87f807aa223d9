package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.ValidationException;
import io.kato.api.model.Component;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.WireEnum;
import io.kato.api.service.ComponentService;
import io.kato.api.service.ComponentService.ComponentDraft;
import io.kato.shell.internal.completers.AppCompleter;
import io.kato.shell.internal.completers.TeamCompleter;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "component-create", description = "Creates a component in an application")
public class ComponentCreate extends KatoCommandSupport {
    @Reference
    ComponentService components;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Completion(AppCompleter.class)
    @Argument(index = 1, name = "app", required = true)
    String app;

    @Argument(index = 2, name = "name", required = true, description = "DNS-1123 name of the component")
    String name;

    @Option(name = "-i", aliases = "--instances", description = "Instance count (default 1)")
    Integer instances;

    @Option(name = "-m", aliases = "--memory", description = "Memory per instance in MB (default 512)")
    Integer memory;

    @Option(name = "-p", aliases = "--port", multiValued = true,
            description = "A port as NUMBER[/PROTOCOL][:outer], e.g. 8080/http:outer; repeatable")
    List<String> ports;

    @Option(name = "-c", aliases = "--from-check", description = "Id of a succeeded source check to take source,"
            + " language, ports and env from")
    String fromCheck;

    @Option(name = "-l", aliases = "--language", description = "With --from-check: a detected language other than"
            + " the primary one")
    String language;

    @Override
    protected Object run(Actor actor) {
        Component c = components.create(actor, team, new ComponentDraft(name, app, null, null, instances, memory, null,
                parsePorts(), List.of(), fromCheck, language));
        out().println("Component " + c.name() + " created in " + team + "/" + c.appName()
                + (c.language() == null ? "" : " (" + c.language() + ")"));
        return null;
    }

    private List<Port> parsePorts() {
        List<Port> out = new ArrayList<>();
        for (String spec : ports == null ? List.<String>of() : ports) {
            boolean outer = spec.endsWith(":outer");
            String s = outer ? spec.substring(0, spec.length() - ":outer".length()) : spec;
            String[] parts = s.split("/", 2);
            Protocol protocol = parts.length > 1 ? WireEnum.parse(Protocol.class, parts[1]) : Protocol.HTTP;
            if (protocol == null) {
                throw ValidationException.of("--port", "'" + parts[1] + "' is not one of "
                        + WireEnum.allowed(Protocol.class));
            }
            try {
                out.add(new Port(Integer.parseInt(parts[0]), protocol, null, true, outer));
            } catch (NumberFormatException e) {
                throw ValidationException.of("--port", "'" + spec + "' does not start with a port number");
            }
        }
        return out;
    }
}
