package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.model.PluginInstall;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Plugins installed on components. An installation reaches instances as the runtime applies
 * the component: on the kubernetes runtime at the next reconcile pass, on the local runtime
 * at the next start, restart or upgrade. Reading needs a team role; changing, admin or
 * developer.
 */
@ProviderType
public interface PluginInstallService {
    List<PluginInstall> list(Actor actor, String team, String component);

    /**
     * Installs the plugin on the component, or changes its installation (version, enabled,
     * memory, values). Values not given keep their defaults.
     *
     * @throws io.kato.api.ValidationException naming what is wrong: an unknown item or port, a
     *         value outside the allowed ones, an item the plugin does not let users change, a
     *         plugin type excluded by one installed already, a version that did not build
     */
    PluginInstall install(Actor actor, String team, String component, PluginInstall install);

    /** @throws io.kato.api.NotFoundException when the plugin is not installed on the component */
    void uninstall(Actor actor, String team, String component, String plugin);

    /**
     * What an installed plugin reads by active discovery: its resolved configuration
     * ({@code base_ports}, {@code base_services}, {@code base_normal}). Authenticated by
     * the installation's own token, which the plugin finds in {@code KATO_DISCOVERY_TOKEN}.
     *
     * @throws io.kato.api.UnauthenticatedException when the token is not that installation's
     * @throws io.kato.api.ConflictException when the plugin's type is not installed now
     */
    Map<String, Object> discovery(String team, String component, String plugin, String token);
}
