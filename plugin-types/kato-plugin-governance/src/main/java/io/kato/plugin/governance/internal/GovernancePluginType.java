package io.kato.plugin.governance.internal;

import io.kato.api.gateway.GatewayPolicy;
import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginType;
import io.kato.plugin.support.StandardPluginType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Handles both directions at once, so it takes the place of the entry and export network plugins. */
@Component(service = PluginType.class)
public class GovernancePluginType extends StandardPluginType {
    public GovernancePluginType() {
        super("governance", ContainerRole.SIDECAR,
                of(DependentMetadata.class, List.of(DependentMetadata.NONE, DependentMetadata.COMPONENT_PORT,
                        DependentMetadata.DOWNSTREAM_PORT)),
                of(Injection.class, List.of(Injection.ENV, Injection.DISCOVERY)),
                Set.of("entry-network", "export-network", "governance"));
    }

    /** Inbound: the gateway applies its rate limit and address lists (see {@link #inboundRules}). */
    @Override
    public Optional<GatewayPolicy> gatewayPolicy(PluginInstallation installation) {
        return Optional.of(inboundRules(installation));
    }
}
