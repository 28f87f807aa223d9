package io.kato.plugin.exportnetwork.internal;

import io.kato.api.plugin.PluginType;
import io.kato.plugin.support.StandardPluginType;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Handles the traffic the component sends to its dependencies (a local proxy to their ports). */
@Component(service = PluginType.class)
public class ExportNetworkPluginType extends StandardPluginType {
    public ExportNetworkPluginType() {
        super("export-network", ContainerRole.SIDECAR,
                of(DependentMetadata.class, List.of(DependentMetadata.NONE, DependentMetadata.DOWNSTREAM_PORT)),
                of(Injection.class, List.of(Injection.ENV, Injection.DISCOVERY)),
                Set.of("export-network", "governance"));
    }
}
