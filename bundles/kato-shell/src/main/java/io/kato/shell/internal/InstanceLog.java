package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "instance-log", description = "Prints the last lines of an instance's log; with"
        + " --follow, goes on printing new lines until Ctrl-C")
public class InstanceLog extends ComponentCommandSupport {
    @Reference
    ComponentService components;

    @Argument(index = 2, name = "instance", required = true, description = "e.g. web-0 (kato:component-show lists"
            + " them)")
    String instance;

    @Option(name = "-n", aliases = "--lines", description = "How many of the last lines (default 200)")
    int lines = 200;

    @Option(name = "-f", aliases = "--follow", description = "Print new lines as they come until Ctrl-C")
    boolean follow;

    @Option(name = "--plugin", description = "The log of this plugin beside the instance (a sidecar's on a cluster;"
            + " on the local runtime plugins write into the instance's log)")
    String plugin;

    @Override
    protected Object run(Actor actor) throws Exception {
        components.instanceLog(actor, team, component, instance, plugin, lines).forEach(out()::println);
        if (!follow) {
            return null;
        }
        try (AutoCloseable following = components.followInstanceLog(actor, team, component, instance, plugin,
                out()::println)) {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
            }
        } catch (InterruptedException ctrlC) {
            // Ctrl-C ends the follow
        }
        return null;
    }
}
