package io.kato.plugin.performanceanalysis.internal;

import io.kato.api.gateway.GatewayPolicy;
import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginType;
import io.kato.plugin.support.StandardPluginType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Measures the component's response time, throughput and error rate on its ports. */
@Component(service = PluginType.class)
public class PerformanceAnalysisPluginType extends StandardPluginType {
    public PerformanceAnalysisPluginType() {
        super("performance-analysis", ContainerRole.SIDECAR,
                of(DependentMetadata.class, List.of(DependentMetadata.NONE, DependentMetadata.COMPONENT_PORT)),
                of(Injection.class, List.of(Injection.ENV, Injection.DISCOVERY)),
                Set.of("performance-analysis"));
    }

    /** The gateway measures every request it passes to the component. */
    @Override
    public Optional<GatewayPolicy> gatewayPolicy(PluginInstallation installation) {
        return Optional.of(new GatewayPolicy(true, 0, List.of(), List.of()));
    }
}
