package io.kato.core.internal;

import io.kato.api.runtime.Runtime;
import io.kato.api.runtime.RuntimeHealth;
import io.kato.api.service.RuntimeRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The runtimes registered right now and which one is active: the one named by the
 * {@code runtime} setting. Others stay idle (see {@link Runtime}).
 */
@Component(service = {Runtimes.class, RuntimeRegistry.class}, configurationPid = "io.kato.core")
public class Runtimes implements RuntimeRegistry {
    private final Map<String, Runtime> byName = new ConcurrentHashMap<>();
    private volatile String active;

    @Activate
    public Runtimes(CoreConfig config) {
        this.active = config.runtime();
    }

    Runtimes(String active) {
        this.active = active;
    }

    @Modified
    void modified(CoreConfig config) {
        this.active = config.runtime();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRuntime(Runtime runtime) {
        byName.put(runtime.name(), runtime);
    }

    void removeRuntime(Runtime runtime) {
        byName.remove(runtime.name(), runtime);
    }

    /** The active runtime, when its bundle is present. */
    Optional<Runtime> active() {
        return Optional.ofNullable(byName.get(active));
    }

    /**
     * The active runtime when it can work now: what a runtime that lost its backend (a
     * cluster out of reach) observes is stale, so components show as unknown meanwhile.
     */
    Optional<Runtime> activeAndUp() {
        return active().filter(r -> health(r).up());
    }

    String activeName() {
        return active;
    }

    @Override
    public List<RuntimeInfo> runtimes() {
        String current = active;
        List<RuntimeInfo> out = new ArrayList<>();
        if (!byName.containsKey(current)) {
            out.add(new RuntimeInfo(current, true, false, "No installed bundle provides runtime '" + current
                    + "': install it, or set runtime in etc/io.kato.core.cfg to one listed here", false));
        }
        byName.values().stream().sorted(Comparator.comparing((Runtime r) -> !r.name().equals(current))
                .thenComparing(Runtime::name)).forEach(r -> {
                    RuntimeHealth h = health(r);
                    out.add(new RuntimeInfo(r.name(), r.name().equals(current), h.up(), h.message(), r.runsImages()));
                });
        return out;
    }

    /** A runtime whose health check fails is down, not a failed request. */
    private static RuntimeHealth health(Runtime r) {
        try {
            return r.health();
        } catch (RuntimeException e) {
            return new RuntimeHealth(false, "Its health check failed: " + e.getMessage());
        }
    }
}
