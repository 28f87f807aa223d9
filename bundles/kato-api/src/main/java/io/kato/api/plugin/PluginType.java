package io.kato.api.plugin;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One plugin type (entry network, export network, governance, performance analysis,
 * init, general). It decides how a plugin of this type sits beside a component.
 *
 * <p><b>Selection rule.</b> By {@link #name()}; when two register the same name the
 * highest {@code service.ranking}, then the lowest {@code service.id}, wins.
 *
 * <p><b>Threading.</b> Stateless and safe to call concurrently.
 *
 * <p><b>Departure.</b> Plugins of a type that went away stay installed but cannot be
 * installed anew or re-rendered until the type returns; the core reports them as such.
 */
@ConsumerType
public interface PluginType {
    /** Stable id ({@code entry-network}, {@code init}). */
    String name();

    /** Whether the plugin runs beside the main container or before it. */
    ContainerRole role();

    /** Dependent-metadata types its config groups may use. */
    Set<DependentMetadata> allowedMetadata();

    /** Injection types its config groups may use. */
    Set<Injection> allowedInjections();

    /** Other plugin types that cannot be installed on the same component together with this one. */
    Set<String> excludes();

    /**
     * How one installation is rendered for the runtime: env, args and discovery config.
     *
     * @throws io.kato.api.ValidationException when the installation's config does not fit the type
     */
    PluginRendering render(PluginInstallation installation);

    /**
     * What the gateway does for the component in this plugin's place, from the installation's
     * values: measure its requests, limit their rate, admit clients by address. Runtimes whose
     * traffic comes through Kato's gateway (the local runtime) get the plugin's work done there,
     * so such a plugin needs no image or command; a runtime that runs the plugin's image runs it
     * as well. Called when values are set (to refuse values the gateway cannot apply) and when
     * routes are rebuilt, so it is quick and does not block.
     *
     * @return empty when the gateway has no part in this type (the default)
     * @throws io.kato.api.ValidationException naming the item whose value the gateway cannot apply
     */
    default java.util.Optional<io.kato.api.gateway.GatewayPolicy> gatewayPolicy(PluginInstallation installation) {
        return java.util.Optional.empty();
    }

    enum ContainerRole {
        SIDECAR, INIT;

        @Override
        public String toString() {
            return io.kato.api.model.WireEnum.name(this);
        }
    }

    /** What a config group depends on: nothing, the component's ports, or its downstream dependencies' ports. */
    enum DependentMetadata {
        NONE, COMPONENT_PORT, DOWNSTREAM_PORT;

        @Override
        public String toString() {
            return io.kato.api.model.WireEnum.name(this);
        }
    }

    /** How config reaches the plugin: env vars, or the plugin fetches it from Kato's discovery endpoint. */
    enum Injection {
        ENV, DISCOVERY;

        @Override
        public String toString() {
            return io.kato.api.model.WireEnum.name(this);
        }
    }
}
