package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ValidationException;
import io.kato.api.model.Autoscaling;
import io.kato.api.model.Component;
import io.kato.api.model.Team;
import io.kato.api.service.AutoscalingService;
import io.kato.store.ComponentSpecRows;
import io.kato.store.Store;
import java.time.Clock;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;

/** Components' autoscaling rules, checked against the component's memory. */
@org.osgi.service.component.annotations.Component(service = AutoscalingService.class)
public class AutoscalingServiceImpl extends ServiceSupport implements AutoscalingService {
    static final int MAX_INSTANCES = 100;
    private static final int MAX_MILLICORES = 64_000;

    @Activate
    public AutoscalingServiceImpl(@Reference Store store) {
        this(store, Clock.systemUTC());
    }

    AutoscalingServiceImpl(Store store, Clock clock) {
        super(store, clock);
    }

    @Override
    public Optional<Autoscaling> get(Actor actor, String team, String component) {
        return tx(tx -> new ComponentSpecRows(tx).autoscaling(ComponentServiceImpl.find(tx, Access.team(tx, actor,
                team, Access.Need.READ), component).id()));
    }

    @Override
    public Autoscaling set(Actor actor, String team, String component, Autoscaling rule) {
        if (rule == null) {
            throw ValidationException.of("body", "is required, e.g. {\"minInstances\": 1, \"maxInstances\": 5,"
                    + " \"metric\": \"cpu\", \"target\": 500}");
        }
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = ComponentServiceImpl.find(tx, t, component);
            valid(rule, c.memoryMb());
            ComponentSpecRows rows = new ComponentSpecRows(tx);
            Optional<Autoscaling> before = rows.autoscaling(c.id());
            rows.putAutoscaling(c.id(), rule, now());
            audit(tx, actor, t.id(), "set-autoscaling", "component/" + c.name(), before.orElse(null), rule);
            return rule;
        });
    }

    @Override
    public void clear(Actor actor, String team, String component) {
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = ComponentServiceImpl.find(tx, t, component);
            ComponentSpecRows rows = new ComponentSpecRows(tx);
            Optional<Autoscaling> before = rows.autoscaling(c.id());
            if (before.isPresent()) {
                rows.putAutoscaling(c.id(), null, now());
                audit(tx, actor, t.id(), "clear-autoscaling", "component/" + c.name(), before.get(), null);
            }
            return null;
        });
    }

    static void valid(Autoscaling a, int memoryMb) {
        if (a.minInstances() < 1 || a.minInstances() > MAX_INSTANCES) {
            throw ValidationException.of("minInstances", "must be between 1 and " + MAX_INSTANCES + " (is "
                    + a.minInstances() + ")");
        }
        if (a.maxInstances() < a.minInstances() || a.maxInstances() > MAX_INSTANCES) {
            throw ValidationException.of("maxInstances", "must be between minInstances (" + a.minInstances()
                    + ") and " + MAX_INSTANCES + " (is " + a.maxInstances() + ")");
        }
        if (a.metric() == null) {
            throw ValidationException.of("metric", "is required: cpu (target in millicores per instance) or memory"
                    + " (target in MB per instance)");
        }
        int max = a.metric() == Autoscaling.Metric.CPU ? MAX_MILLICORES : memoryMb;
        if (a.target() < 1 || a.target() > max) {
            throw ValidationException.of("target", a.metric() == Autoscaling.Metric.CPU
                    ? "must be between 1 and " + MAX_MILLICORES + " millicores per instance (is " + a.target() + ")"
                    : "must be between 1 and the component's memory, " + memoryMb + " MB per instance (is "
                    + a.target() + ")");
        }
    }
}
