package io.kato.api.service;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The plugin types registered right now, as their bundles come and go. */
@ProviderType
public interface PluginTypeRegistry {
    /** One per name, the one the selection rule of {@link io.kato.api.plugin.PluginType} picks; by name. */
    List<PluginTypeInfo> pluginTypes();

    /**
     * One registered plugin type.
     *
     * @param name              its id ({@code init}, {@code entry-network})
     * @param role              {@code init} (runs before the component starts) or {@code sidecar}
     * @param allowedMetadata   dependent-metadata types its config groups may use
     * @param allowedInjections injection types its config groups may use
     * @param excludes          types that cannot be installed on a component together with it
     * @param ranking           its service ranking
     * @param bundle            the symbolic name of the bundle that provides it
     */
    record PluginTypeInfo(String name, String role, List<String> allowedMetadata, List<String> allowedInjections,
                          List<String> excludes, int ranking, String bundle) {
        public PluginTypeInfo {
            allowedMetadata = List.copyOf(allowedMetadata);
            allowedInjections = List.copyOf(allowedInjections);
            excludes = List.copyOf(excludes);
        }
    }
}
