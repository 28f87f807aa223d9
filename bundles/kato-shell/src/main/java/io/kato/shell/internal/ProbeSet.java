package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.build.ProbeSpec;
import io.kato.api.service.ComponentService;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "probe-set", description = "Sets (or with --remove, removes) a component's readiness"
        + " or liveness probe; without a kind, lists its probes. Applies from the next start, restart or upgrade")
public class ProbeSet extends ComponentCommandSupport {
    @Reference
    ComponentService components;

    @Option(name = "--purpose", description = "readiness (default) or liveness")
    String purpose = "readiness";

    @Option(name = "--kind", description = "tcp, http or cmd")
    String kind;

    @Option(name = "--target", description = "The path of an http probe, the command line of a cmd probe")
    String target;

    @Option(name = "--port", description = "The port probed (0: the component's first)")
    int port;

    @Option(name = "--delay", description = "Seconds after start before the first probe")
    int delay;

    @Option(name = "--period", description = "Seconds between probes")
    int period = 5;

    @Option(name = "--timeout", description = "Seconds before a probe counts as failed")
    int timeout = 2;

    @Option(name = "--success", description = "Passes in a row to count as healthy")
    int success = 1;

    @Option(name = "--failure", description = "Failures in a row to count as unhealthy")
    int failure = 3;

    @Option(name = "--remove", description = "Remove the probe of this purpose")
    boolean remove;

    @Override
    protected Object run(Actor actor) {
        List<ProbeSpec> probes = new ArrayList<>(components.probes(actor, team, component));
        if (kind != null || remove) {
            ProbeSpec.Purpose p = wire(ProbeSpec.Purpose.class, "purpose", purpose);
            probes.removeIf(x -> x.purpose() == p);
            if (!remove) {
                probes.add(new ProbeSpec(p, wire(ProbeSpec.Kind.class, "kind", kind), port, target, delay, period,
                        timeout, success, failure));
            }
            probes = components.setProbes(actor, team, component, probes);
        }
        if (probes.isEmpty()) {
            out().println("No probes: readiness is a TCP connect to the component's port");
        }
        for (ProbeSpec x : probes) {
            out().println(x.purpose() + ": " + x.kind() + (x.target() == null ? "" : " " + x.target()) + " port "
                    + x.port() + ", delay " + x.delaySeconds() + " s, every " + x.periodSeconds() + " s, timeout "
                    + x.timeoutSeconds() + " s, " + x.successThreshold() + " to pass, " + x.failureThreshold()
                    + " to fail");
        }
        return null;
    }
}
