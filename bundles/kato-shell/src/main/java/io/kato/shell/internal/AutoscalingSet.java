package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.ValidationException;
import io.kato.api.model.Autoscaling;
import io.kato.api.service.AutoscalingService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Service
@Command(scope = "kato", name = "autoscaling", description = "Shows a component's autoscaling rule; with --max sets it,"
        + " with --clear removes it. Applied by the kubernetes runtime")
public class AutoscalingSet extends ComponentCommandSupport {
    @Reference
    AutoscalingService autoscaling;

    @Option(name = "--min", description = "At least this many instances")
    int min = 1;

    @Option(name = "--max", description = "At most this many instances")
    Integer max;

    @Option(name = "--metric", description = "cpu (target in millicores) or memory (target in MB)")
    @Completion(value = StringsCompleter.class, values = {"cpu", "memory"})
    String metric = "cpu";

    @Option(name = "--target", description = "Average use per instance to hold")
    Integer target;

    @Option(name = "--clear", description = "Remove the rule")
    boolean clear;

    @Override
    protected Object run(Actor actor) {
        if (clear) {
            autoscaling.clear(actor, team, component);
            out().println("No autoscaling on " + component + ": it runs its instance count");
            return null;
        }
        if (max != null) {
            if (target == null) {
                throw ValidationException.of("--target", "is required with --max: millicores for cpu, MB for memory");
            }
            show(autoscaling.set(actor, team, component, new Autoscaling(min, max,
                    wire(Autoscaling.Metric.class, "--metric", metric), target)));
            return null;
        }
        autoscaling.get(actor, team, component).ifPresentOrElse(this::show,
                () -> out().println("No autoscaling on " + component + ": it runs its instance count"));
        return null;
    }

    private void show(Autoscaling a) {
        out().println(component + ": " + a.minInstances() + " to " + a.maxInstances() + " instances, holding "
                + a.target() + (a.metric() == Autoscaling.Metric.CPU ? " millicores" : " MB") + " of " + a.metric()
                + " per instance");
    }
}
