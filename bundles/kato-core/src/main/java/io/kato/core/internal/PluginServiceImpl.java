package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.ValidationException;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.model.Plugin;
import io.kato.api.model.PluginConfigGroup;
import io.kato.api.model.PluginVersion;
import io.kato.api.model.Team;
import io.kato.api.plugin.PluginType;
import io.kato.api.service.PluginService;
import io.kato.image.ImageReference;
import io.kato.store.CredentialRows;
import io.kato.store.EventRows;
import io.kato.store.JobRows;
import io.kato.store.PluginRows;
import io.kato.store.Rows;
import io.kato.store.Tx;
import io.kato.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** A team's plugins: validated against their type when made or changed, built by {@link PluginBuildJob}. */
@Component(service = {PluginService.class, PluginServiceImpl.class})
public class PluginServiceImpl extends ServiceSupport implements PluginService {
    static final String JOB_KIND = "plugin-build";
    /** A container name in a pod ({@code plugin-<name>}) and a process log's name. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
    private final PluginTypeRegistryImpl types;

    @Activate
    public PluginServiceImpl(@Reference Store store, @Reference PluginTypeRegistryImpl types) {
        this(store, types, Clock.systemUTC());
    }

    PluginServiceImpl(Store store, PluginTypeRegistryImpl types, Clock clock) {
        super(store, clock);
        this.types = types;
    }

    @Override
    public List<Plugin> list(Actor actor, String team) {
        return tx(tx -> new PluginRows(tx).list(Access.team(tx, actor, team, Access.Need.READ).id()).stream()
                .map(this::shown).toList());
    }

    @Override
    public Plugin get(Actor actor, String team, String name) {
        return tx(tx -> shown(find(tx, Access.team(tx, actor, team, Access.Need.READ), name)));
    }

    @Override
    public Plugin create(Actor actor, String team, Plugin plugin) {
        if (plugin == null) {
            throw ValidationException.of("body", "is required, e.g. {\"name\": \"log-agent\", \"type\": \"general\","
                    + " \"image\": \"registry.example.org/log-agent:1\"}");
        }
        if (plugin.name() == null || !NAME.matcher(plugin.name()).matches()) {
            throw ValidationException.of("name", "needs 1 to 40 lower-case letters, digits and '-', starting and"
                    + " ending with a letter or digit (is " + plugin.name() + ")");
        }
        PluginType type = plugin.type() == null ? null : types.byName(plugin.type()).orElse(null);
        if (type == null) {
            throw ValidationException.of("type", (plugin.type() == null ? "is required" : "no plugin type '"
                    + plugin.type() + "' is installed") + ": one of " + types.pluginTypes().stream()
                    .map(i -> i.name()).toList());
        }
        return tx(() -> "Team '" + team + "' has a plugin named '" + plugin.name() + "' already", tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Instant now = now();
            PluginRows.PluginRow row = row(tx, t, Rows.newId(), plugin.name(), plugin, type, now, now);
            if (new PluginRows(tx).byName(t.id(), plugin.name()).isPresent()) {
                throw new ConflictException("Team '" + team + "' has a plugin named '" + plugin.name() + "' already");
            }
            new PluginRows(tx).insert(row);
            Plugin shown = shown(row);
            record(tx, actor, t.id(), "create", "plugin", plugin.name(), null, shown);
            return shown;
        });
    }

    @Override
    public Plugin update(Actor actor, String team, String name, Plugin plugin) {
        if (plugin == null) {
            throw ValidationException.of("body", "is required: the plugin as it should be");
        }
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            PluginRows.PluginRow before = find(tx, t, name);
            if (plugin.type() != null && !plugin.type().equals(before.type())) {
                throw ValidationException.of("type", "a plugin keeps its type (" + before.type() + "): create"
                        + " another plugin for another type");
            }
            PluginType type = types.byName(before.type()).orElseThrow(() -> new ConflictException("No bundle of"
                    + " plugin type '" + before.type() + "' is installed, so the plugin's config cannot be checked:"
                    + " install the type again"));
            PluginRows.PluginRow row = row(tx, t, before.id(), before.name(), plugin, type, before.createdAt(),
                    now());
            new PluginRows(tx).update(row);
            Plugin shown = shown(row);
            record(tx, actor, t.id(), "update", "plugin", name, shown(before), shown);
            return shown;
        });
    }

    @Override
    public void delete(Actor actor, String team, String name) {
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            PluginRows.PluginRow p = find(tx, t, name);
            PluginRows rows = new PluginRows(tx);
            long installed = rows.countInstalls(p.id());
            if (installed > 0) {
                throw new ConflictException("Plugin '" + name + "' is installed on " + installed + " component"
                        + (installed == 1 ? "" : "s") + ": uninstall it first");
            }
            rows.delete(p.id());
            record(tx, actor, t.id(), "delete", "plugin", name, shown(p), null);
            return null;
        });
    }

    @Override
    public PluginVersion build(Actor actor, String team, String name) {
        return woken(jobs, tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            PluginRows.PluginRow p = find(tx, t, name);
            PluginRows rows = new PluginRows(tx);
            rows.lock(p.id()); // one build numbered at a time
            EventRows events = new EventRows(tx);
            // builds are numbered one at a time under the lock: only the newest version can still be building
            rows.versions(p.id()).stream().findFirst().filter(v -> v.status().equals(PluginVersion.BUILDING))
                    .ifPresent(v -> {
                        if (eventOpen(tx, t.id(), v.eventId())) {
                            throw new ConflictException("Version " + v.number() + " of '" + name + "' is still"
                                    + " building (event " + v.eventId() + "): follow its log, or wait for it to end");
                        }
                        rows.finishVersion(v.id(), PluginVersion.FAILED, "Its worker stopped before it ended: build"
                                + " again", null, now());
                    });
            Instant now = now();
            String eventId = Rows.newId();
            events.insert(new Event(eventId, t.id(), "plugin", name, "build", actor.name(), EventStatus.RUNNING,
                    "plugin build queued", now, null));
            PluginRows.VersionRow v = new PluginRows.VersionRow(Rows.newId(), p.id(), rows.lastNumber(p.id()) + 1,
                    PluginVersion.BUILDING, "queued", eventId, p.type(), source(p), null, p.memoryMb(),
                    p.cpuMillis(), p.localCommand(), p.configJson(), now, null);
            rows.insertVersion(v);
            new JobRows(tx).insert(Rows.newId(), JOB_KIND, v.id(), eventId, 1, now);
            return version(v, name);
        }));
    }

    @Override
    public List<PluginVersion> versions(Actor actor, String team, String name) {
        return tx(tx -> {
            PluginRows.PluginRow p = find(tx, Access.team(tx, actor, team, Access.Need.READ), name);
            return new PluginRows(tx).versions(p.id()).stream().map(v -> version(v, name)).toList();
        });
    }

    @Override
    public PluginVersion version(Actor actor, String team, String name, int number) {
        return tx(tx -> {
            PluginRows.PluginRow p = find(tx, Access.team(tx, actor, team, Access.Need.READ), name);
            return new PluginRows(tx).version(p.id(), number).map(v -> version(v, name))
                    .orElseThrow(() -> new NotFoundException("Plugin '" + name + "' has no version " + number));
        });
    }

    static PluginRows.PluginRow find(Tx tx, Team t, String name) {
        return new PluginRows(tx).byName(t.id(), name == null ? "" : name)
                .orElseThrow(() -> NotFoundException.of("plugin", name));
    }

    @Override
    public List<Plugin> defaults() {
        return DefaultPlugins.ALL.stream().map(d -> new Plugin(null, d.name(), d.type(), null, null, null, null, null,
                d.memoryMb(), d.cpuMillis(), d.localCommand(), d.description(), d.configGroups(),
                types.byName(d.type()).isPresent(), null, null)).toList();
    }

    @Override
    public Plugin addDefault(Actor actor, String team, String defaultName, String name) {
        Plugin d = DefaultPlugins.ALL.stream().filter(p -> p.name().equals(defaultName)).findFirst()
                .orElseThrow(() -> new io.kato.api.NotFoundException("Kato ships no default plugin '" + defaultName
                        + "': see GET /api/v1/default-plugins or kato:default-plugins"));
        if (types.byName(d.type()).isEmpty()) {
            throw new ConflictException("No bundle of plugin type '" + d.type() + "' is installed: install the"
                    + " type, then add '" + defaultName + "'");
        }
        String as = name == null || name.isBlank() ? d.name() : name.strip();
        create(actor, team, new Plugin(null, as, d.type(), null, null, null, null, null, d.memoryMb(), d.cpuMillis(),
                d.localCommand(), d.description(), d.configGroups(), null, null, null));
        build(actor, team, as);
        return get(actor, team, as);
    }

    /** What a version is built from, in words: the image, or the repository and branch. */
    static String source(PluginRows.PluginRow p) {
        return p.image() != null ? "image " + p.image() : p.repository() != null ? "Dockerfile of " + p.repository()
                + " at " + p.branch() : p.localCommand() != null ? "local command" : "the gateway";
    }

    /** The plugin as stored: checked, defaults filled in. */
    private PluginRows.PluginRow row(Tx tx, Team t, String id, String name, Plugin p, PluginType type,
                                     Instant created, Instant updated) {
        String image = blankToNull(p.image());
        String repository = blankToNull(p.repository());
        if (image != null && repository != null) {
            throw ValidationException.of("image", "give either an image (built by reading it from its registry)"
                    + " or a repository whose Dockerfile builds it, not both");
        }
        // without an image it runs only where no image is needed: as its local command, or by the gateway
        if (image == null && repository == null && blankToNull(p.localCommand()) == null && !gatewayServes(type)) {
            throw ValidationException.of("image", "give an image (built by reading it from its registry), a"
                    + " repository whose Dockerfile builds it, or a localCommand for the local runtime");
        }
        if (image != null) {
            try {
                ImageReference.parse(image);
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("image", e.getMessage());
            }
        }
        if (repository != null && (repository.length() > 2000 || repository.chars().anyMatch(Character::isWhitespace))) {
            throw ValidationException.of("repository", "must be a git URL of at most 2000 characters, without"
                    + " spaces");
        }
        String branch = repository == null ? null : p.branch() == null || p.branch().isBlank() ? "main"
                : p.branch().strip();
        if (repository == null && blankToNull(p.branch()) != null) {
            throw ValidationException.of("branch", "only a repository has a branch");
        }
        if (branch != null && (branch.length() > 255 || branch.chars().anyMatch(ch -> ch <= ' '))) {
            throw ValidationException.of("branch", "must be a branch name without spaces");
        }
        String credential = blankToNull(p.credential());
        if (credential != null && new CredentialRows(tx).byName(t.id(), credential).isEmpty()) {
            throw ValidationException.of("credential", "team '" + t.name() + "' has no credential '" + credential
                    + "': create it first");
        }
        int memory = p.memoryMb() == null ? 64 : p.memoryMb();
        if (memory < 4 || memory > 65536) {
            throw ValidationException.of("memoryMb", "must be between 4 and 65536 (is " + memory + ")");
        }
        int cpu = p.cpuMillis() == null ? 100 : p.cpuMillis();
        if (cpu < 1 || cpu > 64000) {
            throw ValidationException.of("cpuMillis", "must be between 1 and 64000 millicores (is " + cpu + ")");
        }
        String command = blankToNull(p.localCommand());
        if (command != null && (command.length() > 4000 || command.indexOf('\0') >= 0)) {
            throw ValidationException.of("localCommand", "must be a shell command of at most 4000 characters");
        }
        String description = p.description() == null ? "" : p.description();
        if (description.length() > 2000) {
            throw ValidationException.of("description", "has at most 2000 characters");
        }
        List<PluginConfigGroup> groups = PluginConfigs.valid(p.configGroups(), type);
        return new PluginRows.PluginRow(id, t.id(), name, type.name(), image, repository, branch, credential,
                p.insecure() != null && p.insecure(), memory, cpu, command, description, write(groups), created,
                updated);
    }

    /** Whether the gateway does the work of this type's plugins (they then need no image). */
    static boolean gatewayServes(PluginType type) {
        try {
            return type.gatewayPolicy(new io.kato.api.plugin.PluginInstallation("probe", null, 0, Map.of(), Map.of(),
                    Map.of(), List.of(), List.of())).isPresent();
        } catch (RuntimeException e) {
            return true; // it has a part, and no values yet
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String write(List<PluginConfigGroup> groups) {
        return StoredJson.write(groups);
    }

    static List<PluginConfigGroup> read(String json) {
        return List.of(StoredJson.read(json, PluginConfigGroup[].class, "config groups"));
    }

    Plugin shown(PluginRows.PluginRow p) {
        return new Plugin(p.id(), p.name(), p.type(), p.image(), p.repository(), p.branch(), p.credential(),
                p.insecure(), p.memoryMb(), p.cpuMillis(), p.localCommand(), p.description(), read(p.configJson()),
                types.byName(p.type()).isPresent(), p.createdAt(), p.updatedAt());
    }

    static PluginVersion version(PluginRows.VersionRow v, String plugin) {
        return new PluginVersion(v.id(), plugin, v.number(), v.status(), v.message(), v.eventId(), v.type(),
                v.artifact(), v.memoryMb(), v.cpuMillis(), v.localCommand(), read(v.configJson()), v.createdAt(),
                v.finishedAt());
    }

    /** The job workers, woken when a build is queued (absent: they find it at their next poll). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile JobServiceImpl jobs;
}
