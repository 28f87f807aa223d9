package io.kato.plugin.general.internal;

import io.kato.api.plugin.PluginType;
import io.kato.plugin.support.StandardPluginType;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Runs beside the component for as long as it runs (a log collector, an agent). */
@Component(service = PluginType.class)
public class GeneralPluginType extends StandardPluginType {
    public GeneralPluginType() {
        super("general", ContainerRole.SIDECAR,
                of(DependentMetadata.class, List.of(DependentMetadata.NONE, DependentMetadata.COMPONENT_PORT,
                        DependentMetadata.DOWNSTREAM_PORT)),
                of(Injection.class, List.of(Injection.ENV, Injection.DISCOVERY)),
                Set.of());
    }
}
