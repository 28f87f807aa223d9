package io.kato.plugin.init.internal;

import io.kato.api.plugin.PluginType;
import io.kato.plugin.support.StandardPluginType;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Runs to completion before the component starts (prepares files, waits for a dependency). */
@Component(service = PluginType.class)
public class InitPluginType extends StandardPluginType {
    public InitPluginType() {
        super("init", ContainerRole.INIT,
                of(DependentMetadata.class, List.of(DependentMetadata.NONE)),
                of(Injection.class, List.of(Injection.ENV)),
                Set.of());
    }
}
