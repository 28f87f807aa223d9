package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.gateway.ComponentPerformance;
import io.kato.api.gateway.GatewayMetrics;
import io.kato.api.service.PluginInstallService;
import java.util.Locale;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "performance", description = "Shows a component's response time, throughput and"
        + " error rate as the gateway measured them (it needs a performance-analysis plugin)")
public class Performance extends ComponentCommandSupport {
    @Reference
    PluginInstallService installs;

    @Reference(optional = true)
    GatewayMetrics metrics;

    @Override
    protected Object run(Actor actor) {
        installs.list(actor, team, component); // may read it, and it exists
        if (metrics == null) {
            System.err.println("Error: Kato's gateway is not running, so nothing is measured: start kato-gateway");
            return null;
        }
        Optional<ComponentPerformance> found = metrics.performance(team, component);
        if (found.isEmpty()) {
            System.err.println("Error: no request to '" + component + "' was measured since the gateway started:"
                    + " install a performance-analysis plugin on it (kato:plugin-install), then send it requests");
            return null;
        }
        ComponentPerformance p = found.get();
        ComponentPerformance.Window w = p.lastMinute();
        ShellTable table = new ShellTable();
        table.column("Over");
        table.column("Requests");
        table.column("Errors");
        table.column("Req/s");
        table.column("Mean ms");
        table.column("Max ms");
        table.addRow().addContent("last " + w.seconds() + " s", w.requests(), percent(w.errorRate()),
                String.format(Locale.ROOT, "%.2f", w.throughputPerSecond()), millis(w.meanResponseMillis()),
                millis(w.maxResponseMillis()));
        table.addRow().addContent("since the gateway started", p.requests(),
                percent(p.requests() == 0 ? 0 : (double) p.errors() / p.requests()), "",
                millis(p.requests() == 0 ? 0 : p.responseSeconds() * 1000 / p.requests()), "");
        print(table);
        return null;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }
}
