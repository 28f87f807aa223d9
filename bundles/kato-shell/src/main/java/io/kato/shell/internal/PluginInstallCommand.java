package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.ValidationException;
import io.kato.api.model.PluginInstall;
import io.kato.api.service.PluginInstallService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "plugin-install", description = "Installs a plugin on a component or changes its"
        + " installation (--uninstall removes it); it runs from the component's next start")
public class PluginInstallCommand extends ComponentCommandSupport {
    @Reference
    PluginInstallService installs;

    @Argument(index = 2, name = "plugin", required = true)
    String plugin;

    @Option(name = "--version", description = "The version to install (default: the newest that built)")
    Integer version;

    @Option(name = "--disable", description = "Keep it installed but not running")
    boolean disable;

    @Option(name = "--memory", description = "Memory in MB, at least the version's")
    Integer memoryMb;

    @Option(name = "--set", multiValued = true, description = "ITEM=VALUE for an item depending on nothing")
    List<String> values;

    @Option(name = "--port-set", multiValued = true, description = "PORT:ITEM=VALUE for an item set per port")
    List<String> portValues;

    @Option(name = "--uninstall", description = "Uninstall it")
    boolean uninstall;

    @Override
    protected Object run(Actor actor) {
        if (uninstall) {
            installs.uninstall(actor, team, component, plugin);
            out().println("Plugin " + plugin + " uninstalled from " + component + "; it no longer runs from the next"
                    + " start");
            return null;
        }
        Map<String, String> plain = pairs("--set", values, "ITEM=VALUE");
        Map<String, Map<String, String>> ports = new TreeMap<>();
        for (String v : portValues == null ? List.<String>of() : portValues) {
            int colon = v.indexOf(':');
            if (colon < 1) {
                throw ValidationException.of("--port-set", "takes PORT:ITEM=VALUE, like 8080:LIMIT=100 (is " + v + ")");
            }
            String[] kv = pair("--port-set", v.substring(colon + 1), "PORT:ITEM=VALUE");
            ports.computeIfAbsent(v.substring(0, colon), p -> new LinkedHashMap<>()).put(kv[0], kv[1]);
        }
        PluginInstall done = installs.install(actor, team, component, new PluginInstall(plugin, version, null,
                !disable, memoryMb, plain, ports, null, null, null));
        out().println("Plugin " + done.plugin() + " version " + done.version() + " (" + done.type() + ") on "
                + component + ": " + done.state() + ", " + done.memoryMb() + " MB; it runs from the next start");
        return null;
    }
}
