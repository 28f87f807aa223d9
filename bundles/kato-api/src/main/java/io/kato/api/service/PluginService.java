package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.model.Plugin;
import io.kato.api.model.PluginVersion;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A team's plugins and their versions. Reading needs a team role; creating, changing,
 * building and deleting, admin or developer.
 */
@ProviderType
public interface PluginService {
    List<Plugin> list(Actor actor, String team);

    Plugin get(Actor actor, String team, String name);

    /**
     * Creates the plugin. Defaults: 64 MB, 100 millicores, branch {@code main}.
     *
     * @throws io.kato.api.ValidationException naming the field that is wrong: no type or one
     *         not installed, neither or both of image and repository, a config group its type
     *         does not allow, an item whose default is not among its allowed values
     * @throws io.kato.api.ConflictException when the team has a plugin of that name
     */
    Plugin create(Actor actor, String team, Plugin plugin);

    /**
     * Replaces what the plugin is made of (all but its name and type). Versions built
     * before keep what they were built with.
     */
    Plugin update(Actor actor, String team, String name, Plugin plugin);

    /** @throws io.kato.api.ConflictException while a component has it installed */
    void delete(Actor actor, String team, String name);

    /**
     * Queues a build of the plugin as it is now into its next version: the image is read
     * from its registry and pinned to its digest, or the repository's Dockerfile is built
     * by the team's runtime. The version's build log is its event's log.
     *
     * @throws io.kato.api.ConflictException while another build of it runs
     */
    PluginVersion build(Actor actor, String team, String name);

    /** Newest first. */
    List<PluginVersion> versions(Actor actor, String team, String name);

    /**
     * The plugins Kato ships ready to add to a team (a performance analysis, a network
     * governance, a log collector): how each is made, without id or team. Anyone may read them.
     */
    List<Plugin> defaults();

    /**
     * Adds one of the {@link #defaults()} to the team, named {@code name} (null: the default's
     * own name), and queues its first build. It is then the team's own plugin.
     *
     * @throws io.kato.api.NotFoundException when Kato ships no default plugin of that name
     * @throws io.kato.api.ConflictException when the team has a plugin of that name, or the
     *         default's type is not installed now
     */
    Plugin addDefault(Actor actor, String team, String defaultName, String name);

    PluginVersion version(Actor actor, String team, String name, int number);
}
