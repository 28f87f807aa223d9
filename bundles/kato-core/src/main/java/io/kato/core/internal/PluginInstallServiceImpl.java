package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.UnauthenticatedException;
import io.kato.api.ValidationException;
import io.kato.api.gateway.GatewayPolicy;
import io.kato.api.model.Component;
import io.kato.api.model.PluginInstall;
import io.kato.api.model.PluginVersion;
import io.kato.api.model.Team;
import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginRendering;
import io.kato.api.plugin.PluginType;
import io.kato.api.runtime.Deployment;
import io.kato.api.service.PluginInstallService;
import io.kato.store.ComponentRows;
import io.kato.store.PluginRows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import io.kato.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugins installed on components: checked against the version's config groups, the
 * component's ports and the exclusions of the plugin types; rendered by their type into
 * what the runtime runs beside the component and what the discovery endpoint serves.
 */
@org.osgi.service.component.annotations.Component(service = {PluginInstallService.class,
        PluginInstallServiceImpl.class}, configurationPid = "io.kato.core")
public class PluginInstallServiceImpl extends ServiceSupport implements PluginInstallService {
    private static final Logger LOG = LoggerFactory.getLogger(PluginInstallServiceImpl.class);
    static final String DISCOVERY_URL = "KATO_DISCOVERY_URL";
    static final String DISCOVERY_TOKEN = "KATO_DISCOVERY_TOKEN";
    private final PluginTypeRegistryImpl types;
    private final Secrets secrets;
    private final String discoveryUrl;
    private final ConnectionInfo connections;

    @Activate
    public PluginInstallServiceImpl(@Reference Store store, @Reference PluginTypeRegistryImpl types,
                                    @Reference Secrets secrets, @Reference Runtimes runtimes, CoreConfig config) {
        this(store, types, secrets, runtimes, config.discoveryUrl(), Clock.systemUTC());
    }

    /** Without runtimes: dependencies offer no inner addresses (tests). */
    PluginInstallServiceImpl(Store store, PluginTypeRegistryImpl types, Secrets secrets, String discoveryUrl,
                             Clock clock) {
        this(store, types, secrets, new Runtimes("local"), discoveryUrl, clock);
    }

    PluginInstallServiceImpl(Store store, PluginTypeRegistryImpl types, Secrets secrets, Runtimes runtimes,
                             String discoveryUrl, Clock clock) {
        super(store, clock);
        this.types = types;
        this.secrets = secrets;
        this.connections = new ConnectionInfo(secrets, runtimes);
        this.discoveryUrl = discoveryUrl.replaceAll("/+$", "");
    }

    @Override
    public List<PluginInstall> list(Actor actor, String team, String component) {
        return tx(tx -> {
            Component c = ComponentServiceImpl.find(tx, Access.team(tx, actor, team, Access.Need.READ), component);
            return installed(tx, c).stream().map(Installed::shown).toList();
        });
    }

    @Override
    public PluginInstall install(Actor actor, String team, String component, PluginInstall install) {
        if (install == null || install.plugin() == null || install.plugin().isBlank()) {
            throw ValidationException.of("plugin", "is required: the name of one of the team's plugins");
        }
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = ComponentServiceImpl.find(tx, t, component);
            new ComponentRows(tx).lock(c.id()); // two installs at once must both see the other's type
            PluginRows rows = new PluginRows(tx);
            PluginRows.PluginRow p = rows.byName(t.id(), install.plugin()).orElseThrow(() -> ValidationException.of(
                    "plugin", "team '" + team + "' has no plugin '" + install.plugin() + "'"));
            PluginRows.VersionRow v = chosenVersion(rows, p, install.version());
            PluginType type = types.byName(v.type()).orElseThrow(() -> new ConflictException("No bundle of plugin"
                    + " type '" + v.type() + "' is installed: install the type, then the plugin"));
            List<Installed> others = installed(tx, c).stream().filter(i -> !i.plugin().id().equals(p.id())).toList();
            for (Installed other : others) {
                String otherType = other.version().type();
                boolean excluded = type.excludes().contains(otherType) || types.byName(otherType)
                        .map(o -> o.excludes().contains(type.name())).orElse(false);
                if (excluded) {
                    throw ValidationException.of("plugin", "a " + type.name() + " plugin cannot be installed beside"
                            + " '" + other.plugin().name() + "' (" + otherType + ") on '" + component
                            + "': uninstall it first");
                }
            }
            int memory = install.memoryMb() == null ? v.memoryMb() : install.memoryMb();
            if (memory < v.memoryMb() || memory > 65536) {
                throw ValidationException.of("memoryMb", "must be between the version's " + v.memoryMb()
                        + " and 65536 (is " + memory + ")");
            }
            PluginConfigs.Resolved resolved = PluginConfigs.resolve(PluginServiceImpl.read(v.configJson()), install,
                    c.ports(), downstream(tx, c), true);
            try {
                type.gatewayPolicy(installation(p.name(), v.artifact(), memory, Map.of(), resolved));
            } catch (ValidationException e) { // a value the gateway cannot apply, named as the user set it
                throw new ValidationException(e.errors().stream().map(f -> new ValidationException.FieldError(
                        "values." + f.field(), f.message())).toList());
            }
            Optional<PluginRows.InstallRow> before = rows.installs(c.id()).stream()
                    .filter(i -> i.pluginId().equals(p.id())).findFirst();
            String token = before.map(PluginRows.InstallRow::tokenSealed).orElseGet(() -> secrets.seal(TokenHash.newToken("kato-discovery-")));
            PluginRows.InstallRow row = new PluginRows.InstallRow(c.id(), p.id(), v.number(), install.wanted(),
                    memory, writeValues(install), token, now());
            rows.putInstall(row);
            PluginInstall shown = new Installed(p, v, row, true, c, t.name()).shown();
            record(tx, actor, t.id(), before.isPresent() ? "configure-plugin" : "install-plugin", "component",
                    c.name(), before.map(b -> new Installed(p, v, b, true, c, t.name()).shown()).orElse(null), shown);
            return shown;
        });
    }

    @Override
    public void uninstall(Actor actor, String team, String component, String plugin) {
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = ComponentServiceImpl.find(tx, t, component);
            Optional<PluginRows.PluginRow> p = new PluginRows(tx).byName(t.id(), plugin == null ? "" : plugin);
            if (p.isEmpty() || !new PluginRows(tx).removeInstall(c.id(), p.get().id())) {
                throw new NotFoundException("Plugin '" + plugin + "' is not installed on '" + component + "'");
            }
            record(tx, actor, t.id(), "uninstall-plugin", "component", c.name(), plugin, null);
            return null;
        });
    }

    @Override
    public Map<String, Object> discovery(String team, String component, String plugin, String token) {
        UnauthenticatedException refused = new UnauthenticatedException("The discovery token does not belong to"
                + " plugin '" + plugin + "' on '" + component + "': use the one the plugin finds in "
                + DISCOVERY_TOKEN);
        if (token == null || token.isBlank()) {
            throw refused;
        }
        Installed found = tx(tx -> {
            Optional<Team> t = new TeamRows(tx).byName(team == null ? "" : team);
            Optional<Component> c = t.flatMap(x -> new ComponentRows(tx).byName(x.id(), component == null ? ""
                    : component));
            return c.flatMap(x -> installed(tx, x).stream().filter(i -> i.plugin().name().equals(plugin))
                    .findFirst()).orElse(null);
        });
        // the same answer for an unknown installation and a wrong token: the endpoint tells no one what exists
        if (found == null || !MessageDigest.isEqual(secrets.open(found.row().tokenSealed())
                .getBytes(StandardCharsets.UTF_8), token.strip().getBytes(StandardCharsets.UTF_8))) {
            throw refused;
        }
        PluginType type = types.byName(found.version().type()).orElseThrow(() -> new ConflictException("No bundle of"
                + " plugin type '" + found.version().type() + "' is installed now: the plugin's config is served"
                + " again once it is"));
        return type.render(store.inTransaction(tx -> installation(tx, found, Map.of()))).discovery();
    }

    /**
     * What runs beside the component: its enabled installations whose type is installed,
     * rendered by that type, in the order of the plugins' names. {@code env} and {@code
     * secretEnv} are the component's runtime env (secrets opened) and its secret names.
     */
    List<Deployment.Plugin> plugins(Component c, Map<String, String> env, Set<String> secretEnv) {
        List<Installed> all = store.inTransaction(tx -> installed(tx, c));
        List<Deployment.Plugin> out = new ArrayList<>();
        for (Installed i : all) {
            Optional<PluginType> type = types.byName(i.version().type());
            if (!i.row().enabled() || type.isEmpty()) {
                continue; // a type that went away: the installation waits for it, shown type_unavailable
            }
            PluginRendering r = type.get().render(store.inTransaction(tx -> installation(tx, i, env)));
            Map<String, String> pluginEnv = new TreeMap<>(r.env());
            pluginEnv.put(DISCOVERY_URL, discoveryUrl + "/" + i.teamName() + "/" + c.name() + "/" + i.plugin().name());
            pluginEnv.put(DISCOVERY_TOKEN, secrets.open(i.row().tokenSealed()));
            Set<String> secret = new HashSet<>(secretEnv);
            secret.retainAll(pluginEnv.keySet());
            secret.add(DISCOVERY_TOKEN);
            out.add(new Deployment.Plugin(i.plugin().name(), type.get().role() == PluginType.ContainerRole.INIT,
                    i.version().artifact(), i.version().localCommand(), i.row().memoryMb(), i.version().cpuMillis(),
                    pluginEnv, r.args(), secret));
        }
        return out;
    }

    /**
     * What the gateway does for the component in its plugins' place: the policies of its
     * enabled installations whose type is present, merged ({@link GatewayPolicy#NONE} when none
     * has a gateway part).
     */
    GatewayPolicy gatewayPolicy(Tx tx, Component c) {
        GatewayPolicy policy = GatewayPolicy.NONE;
        for (Installed i : installed(tx, c)) {
            Optional<PluginType> type = types.byName(i.version().type());
            if (!i.row().enabled() || type.isEmpty()) {
                continue;
            }
            try {
                policy = type.get().gatewayPolicy(installation(tx, i, Map.of())).map(policy::and).orElse(policy);
            } catch (RuntimeException e) {
                // values are checked when set; a type bundle replaced since may read them otherwise
                LOG.warn("Plugin {} on {}: the gateway leaves its part out ({})", i.plugin().name(), c.name(),
                        e.getMessage());
            }
        }
        return policy;
    }

    private PluginInstallation installation(Tx tx, Installed i, Map<String, String> env) {
        PluginConfigs.Resolved r = PluginConfigs.resolve(PluginServiceImpl.read(i.version().configJson()),
                i.values(), i.component().ports(), downstream(tx, i.component()), false);
        return installation(i.plugin().name(), i.version().artifact(), i.row().memoryMb(), env, r);
    }

    private static PluginInstallation installation(String plugin, String artifact, int memoryMb,
                                                   Map<String, String> env, PluginConfigs.Resolved r) {
        return new PluginInstallation(plugin, artifact, memoryMb, env, r.env(), r.items(), r.ports(), r.downstream());
    }

    /**
     * The ports of the components this one depends on (their inner ports; a third-party
     * one's port), each at the address the component reaches it by now.
     */
    private List<PluginConfigs.Downstream> downstream(Tx tx, Component c) {
        List<String> ids = new io.kato.store.DependencyRows(tx).dependencies(c.id());
        if (ids.isEmpty()) {
            return List.of();
        }
        String team = new TeamRows(tx).byId(c.teamId()).map(Team::name).orElse("");
        ComponentRows rows = new ComponentRows(tx);
        List<PluginConfigs.Downstream> out = new ArrayList<>();
        for (String id : ids) {
            Component d = rows.byId(id).orElse(null);
            if (d == null) {
                continue;
            }
            for (io.kato.api.model.Port p : d.ports()) {
                if (p.inner()) {
                    out.add(new PluginConfigs.Downstream(d.name(), p.port(), p.protocol().toString(),
                            connections.address(tx, d, team, p)));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(PluginConfigs.Downstream::key));
        return out;
    }

    private PluginRows.VersionRow chosenVersion(PluginRows rows, PluginRows.PluginRow p, Integer number) {
        if (number == null) {
            return rows.versions(p.id()).stream().filter(v -> v.status().equals(PluginVersion.SUCCEEDED)).findFirst()
                    .orElseThrow(() -> ValidationException.of("version", "plugin '" + p.name() + "' has no version"
                            + " that built: build it first"));
        }
        PluginRows.VersionRow v = rows.version(p.id(), number).orElseThrow(() -> ValidationException.of("version",
                "plugin '" + p.name() + "' has no version " + number));
        if (!v.status().equals(PluginVersion.SUCCEEDED)) {
            throw ValidationException.of("version", "version " + number + " of '" + p.name() + "' is " + v.status()
                    + ": install a version that built");
        }
        return v;
    }

    private List<Installed> installed(Tx tx, Component c) {
        PluginRows rows = new PluginRows(tx);
        List<PluginRows.InstallRow> installs = rows.installs(c.id());
        if (installs.isEmpty()) {
            return List.of(); // most components, on every reconcile pass: one query
        }
        String teamName = new TeamRows(tx).byId(c.teamId()).map(Team::name).orElse("");
        List<Installed> out = new ArrayList<>();
        for (PluginRows.InstallRow row : installs) {
            PluginRows.PluginRow p = rows.byId(row.pluginId()).orElseThrow();
            PluginRows.VersionRow v = rows.version(p.id(), row.version()).orElseThrow();
            out.add(new Installed(p, v, row, types.byName(v.type()).isPresent(), c, teamName));
        }
        out.sort(java.util.Comparator.comparing(i -> i.plugin().name()));
        return out;
    }

    /** One installation with its plugin and version, as read in one transaction. */
    private record Installed(PluginRows.PluginRow plugin, PluginRows.VersionRow version, PluginRows.InstallRow row,
                             boolean typeAvailable, Component component, String teamName) {
        PluginInstall values() {
            return readValues(row.valuesJson());
        }

        PluginInstall shown() {
            PluginInstall v = values();
            String state = !typeAvailable ? PluginInstall.TYPE_UNAVAILABLE
                    : row.enabled() ? PluginInstall.ACTIVE : PluginInstall.DISABLED;
            return new PluginInstall(plugin.name(), version.number(), version.type(), row.enabled(), row.memoryMb(),
                    v.values(), v.ports(), v.downstream(), state, row.updatedAt());
        }
    }

    /** The values only: what the user set, kept as given (defaults are the version's). */
    private static String writeValues(PluginInstall i) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("values", i.values());
        values.put("ports", i.ports());
        values.put("downstream", i.downstream());
        return StoredJson.write(values);
    }

    private static PluginInstall readValues(String json) {
        return StoredJson.read(json, PluginInstall.class, "plugin values");
    }
}
