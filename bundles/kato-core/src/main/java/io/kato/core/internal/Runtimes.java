package io.kato.core.internal;

import io.kato.api.runtime.Runtime;
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
@Component(service = Runtimes.class, configurationPid = "io.kato.core")
public class Runtimes {
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

    String activeName() {
        return active;
    }
}
