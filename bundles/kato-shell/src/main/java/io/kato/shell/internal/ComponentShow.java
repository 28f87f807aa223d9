package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Component;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Port;
import io.kato.api.runtime.Observation;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "component-show", description = "Shows a component, its ports and env vars")
public class ComponentShow extends ComponentCommandSupport {
    @Reference
    ComponentService components;

    @Reference
    io.kato.api.gateway.RouteTable routes;

    @Override
    protected Object run(Actor actor) {
        Component c = components.get(actor, team, component);
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("name", c.name());
        table.addRow().addContent("app", c.appName());
        table.addRow().addContent("state", components.state(actor, team, component));
        table.addRow().addContent("source", c.sourceKind());
        table.addRow().addContent("language", orDash(c.language()));
        table.addRow().addContent("instances", c.instances());
        table.addRow().addContent("memory MB", c.memoryMb());
        table.addRow().addContent("deploy type", c.deployType());
        table.addRow().addContent("version", c.version());
        io.kato.api.model.Version deployed = components.deployedVersion(actor, team, component);
        table.addRow().addContent("runs version", deployed == null ? "-" : deployed.number());
        for (String url : routes.urls(team, c)) {
            table.addRow().addContent("url", url);
        }
        for (Port p : c.ports()) {
            table.addRow().addContent("port " + p.port(), p.protocol() + " alias=" + p.alias()
                    + (p.inner() ? " inner" : "") + (p.outer() ? " outer" : ""));
        }
        for (EnvVar e : c.env()) {
            table.addRow().addContent("env " + e.name(), e.value() + " (" + e.scope() + ")");
        }
        for (Observation.Instance i : components.instances(actor, team, component)) {
            table.addRow().addContent("instance " + i.id(), (i.ready() ? "ready" : i.alive() ? "alive" : "down")
                    + (i.address() == null ? "" : " at " + i.address()) + ", restarts " + i.restarts()
                    + (i.message() == null ? "" : ": " + i.message().replace('\n', ' ')));
        }
        print(table);
        return null;
    }
}
