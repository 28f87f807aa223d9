package io.kato.plugin.entrynetwork.internal;

import io.kato.api.gateway.GatewayPolicy;
import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginType;
import io.kato.plugin.support.StandardPluginType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Handles the traffic that comes in to the component (rate limits, allow and deny lists) in front of its ports. */
@Component(service = PluginType.class)
public class EntryNetworkPluginType extends StandardPluginType {
    public EntryNetworkPluginType() {
        super("entry-network", ContainerRole.SIDECAR,
                of(DependentMetadata.class, List.of(DependentMetadata.NONE, DependentMetadata.COMPONENT_PORT)),
                of(Injection.class, List.of(Injection.ENV, Injection.DISCOVERY)),
                Set.of("entry-network", "governance"));
    }

    /** Inbound: the gateway applies its rate limit and address lists (see {@link #inboundRules}). */
    @Override
    public Optional<GatewayPolicy> gatewayPolicy(PluginInstallation installation) {
        return Optional.of(inboundRules(installation));
    }
}
