package io.kato.itest.plugintype;

import io.kato.api.gateway.GatewayPolicy;
import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginRendering;
import io.kato.api.plugin.PluginType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * A made-up plugin type, {@code itest-metered}, written against the SPI alone as a third
 * party would: its plugins need no image, and the gateway measures the components they are
 * installed on. It exists so that integration tests can drop a plugin-type bundle into a
 * running server and take it out again.
 */
@Component(service = PluginType.class)
public class MeteredPluginType implements PluginType {
    @Override
    public String name() {
        return "itest-metered";
    }

    @Override
    public ContainerRole role() {
        return ContainerRole.SIDECAR;
    }

    @Override
    public Set<DependentMetadata> allowedMetadata() {
        return EnumSet.of(DependentMetadata.NONE);
    }

    @Override
    public Set<Injection> allowedInjections() {
        return EnumSet.of(Injection.ENV);
    }

    @Override
    public Set<String> excludes() {
        return Set.of("itest-metered");
    }

    @Override
    public PluginRendering render(PluginInstallation installation) {
        return new PluginRendering(installation.pluginEnv(), List.of(), Map.of());
    }

    @Override
    public Optional<GatewayPolicy> gatewayPolicy(PluginInstallation installation) {
        return Optional.of(new GatewayPolicy(true, 0, List.of(), List.of()));
    }
}
