package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.UnauthenticatedException;
import io.kato.api.ValidationException;
import io.kato.api.gateway.GatewayPolicy;
import io.kato.api.model.Component;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Plugin;
import io.kato.api.model.PluginConfigGroup;
import io.kato.api.model.PluginConfigItem;
import io.kato.api.model.PluginConfigItem.ParamType;
import io.kato.api.model.PluginInstall;
import io.kato.api.model.PluginVersion;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginType;
import io.kato.api.plugin.PluginType.ContainerRole;
import io.kato.api.plugin.PluginType.DependentMetadata;
import io.kato.api.plugin.PluginType.Injection;
import io.kato.api.runtime.Deployment;
import io.kato.api.service.AppService.AppDraft;
import io.kato.api.service.ComponentService.ComponentDraft;
import io.kato.api.service.CredentialService.CredentialDraft;
import io.kato.api.service.TeamService.TeamDraft;
import io.kato.image.testing.OciLayout;
import io.kato.image.testing.RegistryServer;
import io.kato.plugin.support.StandardPluginType;
import io.kato.store.PluginRows;
import io.kato.store.Store;
import io.kato.store.internal.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;

/**
 * Plugins from creation to what runs: config groups checked against the type, versions built
 * from an image in a real registry and fixed, installations checked against the version and
 * the component, rendered for the runtime and served by discovery, a type that goes away.
 */
class PluginsTest {
    @TempDir
    static Path registries;
    private static RegistryServer registry;
    private static OciLayout.Image agentImage;
    private final Actor admin = Actor.system();
    private Store store;
    private PluginTypeRegistryImpl types;
    private PluginServiceImpl plugins;
    private PluginInstallServiceImpl installs;
    private JobWorkers workers;
    private Component api;

    /** The traits of the shipped type bundles, rendered the standard way. */
    private static PluginType type(String name, ContainerRole role, Set<DependentMetadata> metadata,
                                   Set<Injection> injections, Set<String> excludes) {
        return new StandardPluginType(name, role, metadata, injections, excludes) {
        };
    }

    private static final PluginType INIT = type("init", ContainerRole.INIT, Set.of(DependentMetadata.NONE),
            Set.of(Injection.ENV), Set.of());
    private static final PluginType GENERAL = type("general", ContainerRole.SIDECAR, Set.of(DependentMetadata.values()),
            Set.of(Injection.values()), Set.of());
    /** As the shipped bundle: the gateway applies its rate limit and address lists. */
    private static final PluginType ENTRY = new StandardPluginType("entry-network", ContainerRole.SIDECAR,
            Set.of(DependentMetadata.NONE, DependentMetadata.COMPONENT_PORT), Set.of(Injection.values()),
            Set.of("entry-network", "governance")) {
        @Override
        public Optional<GatewayPolicy> gatewayPolicy(PluginInstallation installation) {
            return Optional.of(inboundRules(installation));
        }
    };
    private static final PluginType PERF = new StandardPluginType("performance-analysis", ContainerRole.SIDECAR,
            Set.of(DependentMetadata.NONE), Set.of(Injection.values()), Set.of("performance-analysis")) {
        @Override
        public Optional<GatewayPolicy> gatewayPolicy(PluginInstallation installation) {
            return Optional.of(new GatewayPolicy(true, 0, List.of(), List.of()));
        }
    };
    private static final PluginType GOVERNANCE = new StandardPluginType("governance", ContainerRole.SIDECAR,
            Set.of(DependentMetadata.values()), Set.of(Injection.values()),
            Set.of("entry-network", "export-network", "governance")) {
        @Override
        public Optional<GatewayPolicy> gatewayPolicy(PluginInstallation installation) {
            return Optional.of(inboundRules(installation));
        }
    };

    @BeforeAll
    static void fill() throws Exception {
        Assumptions.assumeFalse("skip".equals(System.getenv("KATO_TEST_REGISTRY")), "KATO_TEST_REGISTRY=skip");
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
        OciLayout layout = new OciLayout(registries.resolve("layout"));
        agentImage = layout.image("linux", arch, "{\"Cmd\":[\"/agent\"]}");
        layout.tag("1", agentImage);
        registry = RegistryServer.start(registries.resolve("open"), RegistryServer.Mode.OPEN);
        registry.push(layout, "1", "tools/agent");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void setUp() {
        store = TestStores.newDerbyStore();
        Clock clock = Clock.systemUTC();
        Secrets secrets = new Secrets(new SecretCipher(SecretCipherTest.randomKey()));
        new TeamServiceImpl(store, clock).create(admin, new TeamDraft("shop", null, null));
        new AppServiceImpl(store, clock).create(admin, "shop", new AppDraft("web", null, null));
        CredentialServiceImpl credentials = new CredentialServiceImpl(store, secrets, clock);
        credentials.create(admin, "shop", new CredentialDraft("registry", "password", "u", "p"));
        api = new ComponentServiceImpl(store, secrets, new Runtimes("local"), clock).create(admin, "shop",
                new ComponentDraft("api", "web", null, null, 1, 256, null,
                        List.of(new Port(8080, Protocol.HTTP, "API", true, true),
                                new Port(9090, Protocol.TCP, "ADMIN", true, false)),
                        List.of(new EnvVar("MODE", "prod", EnvScope.RUNTIME, false),
                                new EnvVar("DB_PASSWORD", "pa55", EnvScope.RUNTIME, true)), null, null));
        types = new PluginTypeRegistryImpl();
        long id = 1;
        for (PluginType t : List.of(INIT, GENERAL, ENTRY, GOVERNANCE, PERF)) {
            types.addType(t, Map.of(Constants.SERVICE_ID, id++, Constants.SERVICE_RANKING, 0));
        }
        plugins = new PluginServiceImpl(store, types, clock);
        installs = new PluginInstallServiceImpl(store, types, secrets, "http://kato.test/api/v1/discovery/", clock);
        workers = new JobWorkers(store, clock, "test", Duration.ofSeconds(30), Runnable::run, 1);
        workers.addHandler(PluginServiceImpl.JOB_KIND, new PluginBuildJob(store, credentials,
                new io.kato.image.RegistryClient(Duration.ofSeconds(10)), null, new Runtimes("local")));
    }

    private static String field(Executable call) {
        return assertThrows(ValidationException.class, call).errors().get(0).field();
    }

    private static Plugin plugin(String name, String type, String image, List<PluginConfigGroup> groups) {
        return new Plugin(null, name, type, image, null, null, null, true, null, null, null, null, groups, null, null,
                null);
    }

    private static PluginConfigItem item(String name, ParamType type, List<String> allowed, String defaultValue) {
        return new PluginConfigItem(name, null, type, allowed, defaultValue, null, null);
    }

    /** An agent with env items, discovery items, per-port items and one fixed item. */
    private static final List<PluginConfigGroup> AGENT_CONFIG = List.of(
            new PluginConfigGroup("basics", null, null, List.of(
                    item("LEVEL", ParamType.SINGLE, List.of("debug", "info", "warn"), "info"),
                    item("TAGS", ParamType.MULTIPLE, List.of("a", "b", "c"), null),
                    new PluginConfigItem("VENDOR", null, null, null, "kato", false, "who made it"))),
            new PluginConfigGroup("dynamic", DependentMetadata.NONE, Injection.DISCOVERY, List.of(
                    item("sample", ParamType.STRING, null, "0.5"))),
            new PluginConfigGroup("ports", DependentMetadata.COMPONENT_PORT, null, List.of(
                    new PluginConfigItem("limit", Protocol.HTTP, ParamType.STRING, null, "100", true, null),
                    item("open", ParamType.SINGLE, List.of("yes", "no"), "yes"))));

    private PluginVersion build(String name) {
        PluginVersion queued = plugins.build(admin, "shop", name);
        assertEquals(PluginVersion.BUILDING, queued.status());
        assertEquals(1, workers.pollOnce());
        return plugins.version(admin, "shop", name, queued.number());
    }

    private String image() {
        return registry.address() + "/tools/agent:1";
    }

    @Test
    void configGroupsAreCheckedAgainstTheTypeAndEachItem() {
        assertEquals("type", field(() -> plugins.create(admin, "shop", plugin("a", "sidecar", image(), List.of()))));
        assertEquals("image", field(() -> plugins.create(admin, "shop", new Plugin(null, "a", "general", image(),
                "https://git.example.org/a.git", null, null, null, null, null, null, null, null, null, null, null))));
        assertEquals("image", field(() -> plugins.create(admin, "shop", plugin("a", "general", null, List.of()))));
        assertEquals("name", field(() -> plugins.create(admin, "shop", plugin("A_b", "general", image(), List.of()))));
        assertEquals("credential", field(() -> plugins.create(admin, "shop", new Plugin(null, "a", "general",
                image(), null, null, "nobody", null, null, null, null, null, null, null, null, null))));
        assertEquals("configGroups[0].metadata", field(() -> plugins.create(admin, "shop", plugin("a", "init",
                image(), List.of(new PluginConfigGroup("g", DependentMetadata.COMPONENT_PORT, Injection.DISCOVERY,
                        List.of(item("x", null, null, null))))))));
        assertEquals("configGroups[0].injection", field(() -> plugins.create(admin, "shop", plugin("a", "general",
                image(), List.of(new PluginConfigGroup("g", DependentMetadata.COMPONENT_PORT, Injection.ENV,
                        List.of(item("x", null, null, null))))))));
        assertEquals("configGroups[0].items[0].name", field(() -> plugins.create(admin, "shop", plugin("a",
                "general", image(), List.of(new PluginConfigGroup("g", null, null,
                        List.of(item("not-an-env-name", null, null, null))))))));
        assertEquals("configGroups[0].items[0].allowed", field(() -> plugins.create(admin, "shop", plugin("a",
                "general", image(), List.of(new PluginConfigGroup("g", null, null,
                        List.of(item("X", ParamType.SINGLE, List.of(), null))))))));
        assertEquals("configGroups[0].items[0].defaultValue", field(() -> plugins.create(admin, "shop", plugin("a",
                "general", image(), List.of(new PluginConfigGroup("g", null, null,
                        List.of(item("X", ParamType.SINGLE, List.of("a"), "b"))))))));
        assertEquals("configGroups[0].items[0].defaultValue", field(() -> plugins.create(admin, "shop", plugin("a",
                "general", image(), List.of(new PluginConfigGroup("g", null, null,
                        List.of(new PluginConfigItem("X", null, null, null, null, false, null))))))));
        assertEquals("configGroups[0].items[0].protocol", field(() -> plugins.create(admin, "shop", plugin("a",
                "general", image(), List.of(new PluginConfigGroup("g", null, null,
                        List.of(new PluginConfigItem("X", Protocol.HTTP, null, null, null, null, null))))))));
        assertEquals("configGroups[1].items[0].name", field(() -> plugins.create(admin, "shop", plugin("a",
                "general", image(), List.of(new PluginConfigGroup("g", null, null, List.of(item("X", null, null,
                        null))), new PluginConfigGroup("h", null, null, List.of(item("X", null, null, null))))))));
        assertTrue(plugins.list(admin, "shop").isEmpty(), "nothing was stored by a refused create");

        Plugin made = plugins.create(admin, "shop", plugin("agent", "general", image(), AGENT_CONFIG));
        assertEquals(64, made.memoryMb(), "the default memory");
        assertEquals(Injection.ENV, made.configGroups().get(0).injection(), "env for a group depending on nothing");
        assertEquals(Injection.DISCOVERY, made.configGroups().get(2).injection(), "discovery for one set per port");
        assertTrue(made.typeAvailable());
        assertThrows(ConflictException.class, () -> plugins.create(admin, "shop", plugin("agent", "general",
                image(), List.of())));
    }

    @Test
    void aBuildPinsTheImageAndFixesTheVersionLaterChangesGoToTheNext() {
        plugins.create(admin, "shop", plugin("agent", "general", image(), AGENT_CONFIG));
        PluginVersion v1 = build("agent");
        assertEquals(PluginVersion.SUCCEEDED, v1.status(), v1.message());
        assertEquals(image() + "@" + agentImage.digest(), v1.artifact());
        assertEquals(64, v1.memoryMb());
        Plugin p = plugins.get(admin, "shop", "agent");
        plugins.update(admin, "shop", "agent", new Plugin(null, null, null, p.image(), null, null, null, true, 128,
                null, "echo local", null, List.of(), null, null, null));
        PluginVersion fixed = plugins.version(admin, "shop", "agent", 1);
        assertEquals(64, fixed.memoryMb(), "a fixed version keeps its memory");
        assertEquals(3, fixed.configGroups().size(), "and its variables");
        PluginVersion v2 = build("agent");
        assertEquals(2, v2.number());
        assertEquals(128, v2.memoryMb());
        assertEquals("echo local", v2.localCommand());
        assertTrue(v2.configGroups().isEmpty());
        assertEquals(List.of(2, 1), plugins.versions(admin, "shop", "agent").stream().map(PluginVersion::number)
                .toList(), "newest first");

        plugins.create(admin, "shop", plugin("missing", "general", registry.address() + "/tools/none:1",
                List.of()));
        PluginVersion failed = build("missing");
        assertEquals(PluginVersion.FAILED, failed.status());
        assertTrue(failed.message().contains("tools/none"), failed.message());
        assertEquals("type", field(() -> plugins.update(admin, "shop", "agent", new Plugin(null, null, "init",
                image(), null, null, null, null, null, null, null, null, null, null, null, null))));
    }

    @Test
    void installationsAreCheckedAgainstTheVersionTheComponentAndTheOtherPlugins() {
        plugins.create(admin, "shop", plugin("agent", "general", image(), AGENT_CONFIG));
        assertEquals("version", field(() -> installs.install(admin, "shop", "api", install("agent", Map.of(),
                Map.of()))), "nothing built yet");
        build("agent");
        assertEquals("values.NOPE", field(() -> installs.install(admin, "shop", "api", install("agent",
                Map.of("NOPE", "1"), Map.of()))));
        assertEquals("values.LEVEL", field(() -> installs.install(admin, "shop", "api", install("agent",
                Map.of("LEVEL", "loud"), Map.of()))));
        assertEquals("values.TAGS", field(() -> installs.install(admin, "shop", "api", install("agent",
                Map.of("TAGS", "a,d"), Map.of()))));
        assertEquals("values.VENDOR", field(() -> installs.install(admin, "shop", "api", install("agent",
                Map.of("VENDOR", "me"), Map.of()))), "fixed by the plugin");
        assertEquals("ports.7070", field(() -> installs.install(admin, "shop", "api", install("agent", Map.of(),
                Map.of("7070", Map.of("open", "no"))))));
        assertEquals("ports.9090.limit", field(() -> installs.install(admin, "shop", "api", install("agent",
                Map.of(), Map.of("9090", Map.of("limit", "5"))))), "limit applies to http ports only");
        assertEquals("memoryMb", field(() -> installs.install(admin, "shop", "api", new PluginInstall("agent", null,
                null, null, 32, null, null, null, null, null))));
        assertEquals("version", field(() -> installs.install(admin, "shop", "api", new PluginInstall("agent", 9,
                null, null, null, null, null, null, null, null))));
        assertTrue(installs.list(admin, "shop", "api").isEmpty(), "nothing was stored by a refused install");

        PluginInstall ok = installs.install(admin, "shop", "api", install("agent", Map.of("TAGS", "a, c"),
                Map.of("8080", Map.of("limit", "5"), "9090", Map.of("open", "no"))));
        assertEquals(PluginInstall.ACTIVE, ok.state());
        assertEquals(1, ok.version(), "the newest version that built");

        plugins.create(admin, "shop", plugin("edge", "entry-network", image(), List.of()));
        plugins.create(admin, "shop", plugin("edge2", "entry-network", image(), List.of()));
        plugins.create(admin, "shop", plugin("mesh", "governance", image(), List.of()));
        build("edge");
        build("edge2");
        build("mesh");
        installs.install(admin, "shop", "api", install("edge", Map.of(), Map.of()));
        assertEquals("plugin", field(() -> installs.install(admin, "shop", "api", install("edge2", Map.of(),
                Map.of()))), "one entry network plugin per component");
        assertEquals("plugin", field(() -> installs.install(admin, "shop", "api", install("mesh", Map.of(),
                Map.of()))), "governance excludes entry-network");
        installs.install(admin, "shop", "api", install("edge", Map.of(), Map.of()));
        assertThrows(ConflictException.class, () -> plugins.delete(admin, "shop", "edge"), "installed");
    }

    private static PluginInstall install(String plugin, Map<String, String> values,
                                         Map<String, Map<String, String>> ports) {
        return new PluginInstall(plugin, null, null, null, null, values, ports, null, null, null);
    }

    @Test
    void theGatewayDoesTheWorkOfPluginsWithoutAnImage() {
        assertEquals("image", field(() -> plugins.create(admin, "shop", plugin("bare", "general", null, List.of()))),
                "a general plugin needs an image or a local command");
        plugins.create(admin, "shop", plugin("guard", "entry-network", null, List.of(new PluginConfigGroup("rules",
                null, null, List.of(item("RATE_LIMIT", null, null, "0"), item("ALLOW", null, null, null))))));
        plugins.create(admin, "shop", plugin("perf", "performance-analysis", null, List.of()));
        PluginVersion v = build("guard");
        assertEquals(PluginVersion.SUCCEEDED, v.status(), v.message());
        assertTrue(v.message().contains("no image, runs where the gateway does its part"), v.message());
        build("perf");

        assertEquals("values.ALLOW", field(() -> installs.install(admin, "shop", "api", install("guard",
                Map.of("ALLOW", "intranet.example.org"), Map.of()))), "the gateway takes addresses, not names");
        assertEquals("values.RATE_LIMIT", field(() -> installs.install(admin, "shop", "api", install("guard",
                Map.of("RATE_LIMIT", "lots"), Map.of()))));
        assertTrue(installs.list(admin, "shop", "api").isEmpty(), "refused values install nothing");
        assertEquals(GatewayPolicy.NONE, store.inTransaction(tx -> installs.gatewayPolicy(tx, api)));

        installs.install(admin, "shop", "api", install("guard", Map.of("RATE_LIMIT", "7", "ALLOW", "10.0.0.0/8"),
                Map.of()));
        installs.install(admin, "shop", "api", install("perf", Map.of(), Map.of()));
        assertEquals(new GatewayPolicy(true, 7, List.of("10.0.0.0/8"), List.of()),
                store.inTransaction(tx -> installs.gatewayPolicy(tx, api)), "both plugins' parts, merged");
        assertEquals(Set.of(api.id()), store.inTransaction(tx -> new PluginRows(tx).componentsWithEnabledInstalls()));
        installs.install(admin, "shop", "api", new PluginInstall("guard", null, null, false, null, null, null, null,
                null, null));
        assertEquals(new GatewayPolicy(true, 0, List.of(), List.of()),
                store.inTransaction(tx -> installs.gatewayPolicy(tx, api)), "a disabled plugin has no part");
        List<Deployment.Plugin> rendered = installs.plugins(api, Map.of(), Set.of());
        assertEquals(List.of("perf"), rendered.stream().map(Deployment.Plugin::name).toList());
        assertNull(rendered.get(0).image(), "nothing for a runtime that runs images to run");
    }

    @Test
    void theDefaultPluginsAreAddedToATeamBuiltAndReadyToInstall() {
        assertEquals(List.of("perf-analyze", "net-governance", "log-collector"),
                plugins.defaults().stream().map(Plugin::name).toList());
        assertTrue(plugins.defaults().stream().allMatch(Plugin::typeAvailable));
        assertThrows(NotFoundException.class, () -> plugins.addDefault(admin, "shop", "nope", null));
        for (Plugin d : plugins.defaults()) {
            Plugin added = plugins.addDefault(admin, "shop", d.name(), null);
            assertEquals(d.type(), added.type());
            assertEquals(1, workers.pollOnce(), "its first build is queued");
            PluginVersion v = plugins.version(admin, "shop", d.name(), 1);
            assertEquals(PluginVersion.SUCCEEDED, v.status(), v.message());
        }
        assertThrows(ConflictException.class, () -> plugins.addDefault(admin, "shop", "log-collector", null));
        plugins.addDefault(admin, "shop", "log-collector", "audit-log");
        workers.pollOnce();

        installs.install(admin, "shop", "api", install("net-governance", Map.of("DENY", "192.0.2.0/24"), Map.of()));
        installs.install(admin, "shop", "api", install("perf-analyze", Map.of(), Map.of()));
        installs.install(admin, "shop", "api", install("log-collector", Map.of("SYSLOG_PORT", "5514",
                "SYSLOG_PROTOCOL", "tcp"), Map.of()));
        assertEquals("values.SYSLOG_PROTOCOL", field(() -> installs.install(admin, "shop", "api",
                install("audit-log", Map.of("SYSLOG_PROTOCOL", "carrier-pigeon"), Map.of()))));
        assertEquals(new GatewayPolicy(true, 0, List.of(), List.of("192.0.2.0/24")),
                store.inTransaction(tx -> installs.gatewayPolicy(tx, api)));
        Deployment.Plugin collector = installs.plugins(api, Map.of("MODE", "prod"), Set.of()).stream()
                .filter(p -> p.name().equals("log-collector")).findFirst().orElseThrow();
        assertTrue(collector.localCommand().contains("logger --tag \"$LOG_TAG\""), collector.localCommand());
        assertEquals("5514", collector.env().get("SYSLOG_PORT"));
        assertEquals("tcp", collector.env().get("SYSLOG_PROTOCOL"));
        assertEquals("127.0.0.1", collector.env().get("SYSLOG_HOST"), "the default");
        assertEquals("prod", collector.env().get("MODE"), "the component's env is shared");
    }

    @Test
    void valuesPerDownstreamPortFollowTheComponentsDependencies() {
        Runtimes runtimes = new Runtimes("local");
        runtimes.addRuntime(new ReconcilerTest.FakeRuntime("local") {
            @Override
            public String innerAddress(String componentId, String name, String team, int port) {
                return "127.0.0.1:4" + port;
            }
        });
        Secrets secrets = new Secrets(new SecretCipher(SecretCipherTest.randomKey()));
        PluginInstallServiceImpl installs = new PluginInstallServiceImpl(store, types, secrets, runtimes,
                "http://kato.test/api/v1/discovery", Clock.systemUTC());
        Component db = new ComponentServiceImpl(store, secrets, runtimes, Clock.systemUTC()).create(admin, "shop",
                new ComponentDraft("db", "web", null, null, 1, 128, null, List.of(new Port(5432, Protocol.TCP, "PG",
                        true, false)), null, null, null));
        plugins.create(admin, "shop", plugin("mesh", "governance", image(), List.of(new PluginConfigGroup("out",
                DependentMetadata.DOWNSTREAM_PORT, Injection.DISCOVERY, List.of(item("timeout", null, null, "3s"))))));
        build("mesh");
        PluginInstall values = new PluginInstall("mesh", null, null, null, null, null, null,
                Map.of("db:5432", Map.of("timeout", "9s")), null, null);
        assertEquals("downstream.db:5432", field(() -> installs.install(admin, "shop", "api", values)),
                "not a dependency yet");
        store.inTransaction(tx -> new io.kato.store.DependencyRows(tx).add(api.id(), db.id(), java.time.Instant.now()));
        installs.install(admin, "shop", "api", values);
        String token = installs.plugins(api, Map.of(), Set.of()).get(0).env().get("KATO_DISCOVERY_TOKEN");
        assertEquals(List.of(Map.of("service", "db", "port", 5432, "protocol", "tcp", "address", "127.0.0.1:45432",
                "options", Map.of("timeout", "9s"))), installs.discovery("shop", "api", "mesh", token)
                .get("base_services"));
    }

    @Test
    void aPluginsLogIsReadBesideItsInstanceOnlyWhenItIsInstalled() {
        List<String> asked = new java.util.ArrayList<>();
        Runtimes runtimes = new Runtimes("local");
        runtimes.addRuntime(new ReconcilerTest.FakeRuntime("local") {
            @Override
            public List<String> logTail(String componentId, String instance, String plugin, int lines) {
                asked.add(instance + "/" + plugin);
                return List.of("line of " + (plugin == null ? "main" : plugin));
            }
        });
        ComponentServiceImpl components = new ComponentServiceImpl(store, new Secrets(new SecretCipher(
                SecretCipherTest.randomKey())), runtimes, Clock.systemUTC());
        plugins.create(admin, "shop", plugin("agent", "general", image(), List.of()));
        build("agent");
        assertThrows(NotFoundException.class, () -> components.instanceLog(admin, "shop", "api", "api-0", "agent",
                10), "not installed");
        installs.install(admin, "shop", "api", install("agent", Map.of(), Map.of()));
        assertEquals(List.of("line of agent"), components.instanceLog(admin, "shop", "api", "api-0", "agent", 10));
        assertEquals(List.of("line of main"), components.instanceLog(admin, "shop", "api", "api-0", 10));
        assertEquals(List.of("api-0/agent", "api-0/null"), asked);
    }

    @Test
    void installedPluginsAreRenderedForTheRuntimeAndServedByDiscoveryWithTheirOwnToken() {
        plugins.create(admin, "shop", plugin("agent", "general", image(), AGENT_CONFIG));
        plugins.create(admin, "shop", new Plugin(null, "seed", "init", image(), null, null, null, true, 32, 50,
                "cp seed.txt \"$KATO_VOLUME_DATA\"", null, List.of(new PluginConfigGroup("g", null, null,
                List.of(item("SEED_FROM", null, null, "s3://seeds")))), null, null, null));
        build("agent");
        build("seed");
        installs.install(admin, "shop", "api", install("agent", Map.of("LEVEL", "debug"),
                Map.of("8080", Map.of("limit", "5"))));
        installs.install(admin, "shop", "api", install("seed", Map.of(), Map.of()));
        Map<String, String> env = Map.of("MODE", "prod", "DB_PASSWORD", "pa55");
        List<Deployment.Plugin> rendered = installs.plugins(api, env, Set.of("DB_PASSWORD"));
        assertEquals(List.of("agent", "seed"), rendered.stream().map(Deployment.Plugin::name).toList());
        Deployment.Plugin agent = rendered.get(0);
        Deployment.Plugin seed = rendered.get(1);
        assertFalse(agent.init());
        assertTrue(seed.init());
        assertEquals("prod", agent.env().get("MODE"), "the component's env is shared");
        assertEquals("debug", agent.env().get("LEVEL"), "the user's value");
        assertEquals("kato", agent.env().get("VENDOR"), "a default");
        assertFalse(agent.env().containsKey("TAGS"), "no value, no default: not set");
        assertFalse(agent.env().containsKey("sample"), "discovery items are not env vars");
        assertEquals("s3://seeds", seed.env().get("SEED_FROM"));
        assertFalse(agent.env().containsKey("SEED_FROM"), "a plugin's variables are its own");
        assertEquals("http://kato.test/api/v1/discovery/shop/api/agent", agent.env().get("KATO_DISCOVERY_URL"));
        String token = agent.env().get("KATO_DISCOVERY_TOKEN");
        assertTrue(token.length() > 30);
        assertFalse(token.equals(seed.env().get("KATO_DISCOVERY_TOKEN")), "a token per installation");
        assertEquals(Set.of("DB_PASSWORD", "KATO_DISCOVERY_TOKEN"), agent.secretEnv());
        assertEquals(32, seed.memoryMb());
        assertEquals(50, seed.cpuMillis());
        assertEquals("cp seed.txt \"$KATO_VOLUME_DATA\"", seed.localCommand());

        Map<String, Object> served = installs.discovery("shop", "api", "agent", token);
        assertEquals(List.of(
                Map.of("port", 8080, "protocol", "http", "options", Map.of("limit", "5", "open", "yes")),
                Map.of("port", 9090, "protocol", "tcp", "options", Map.of("open", "yes"))), served.get("base_ports"));
        assertEquals(Map.of("options", Map.of("sample", "0.5")), served.get("base_normal"));
        assertThrows(UnauthenticatedException.class, () -> installs.discovery("shop", "api", "agent",
                seed.env().get("KATO_DISCOVERY_TOKEN")), "another installation's token");
        assertThrows(UnauthenticatedException.class, () -> installs.discovery("shop", "api", "nope", token));
        String reinstalled = installs.plugins(api, env, Set.of()).get(0).env().get("KATO_DISCOVERY_TOKEN");
        assertEquals(token, reinstalled, "the token stays the installation's while it is installed");

        installs.install(admin, "shop", "api", new PluginInstall("agent", null, null, false, null, null, null, null,
                null, null));
        assertEquals(List.of("seed"), installs.plugins(api, env, Set.of()).stream().map(Deployment.Plugin::name)
                .toList(), "a disabled plugin does not run");
        installs.uninstall(admin, "shop", "api", "seed");
        assertTrue(installs.plugins(api, env, Set.of()).isEmpty(), "an uninstalled init plugin no longer runs");
        assertThrows(NotFoundException.class, () -> installs.uninstall(admin, "shop", "api", "seed"));
    }

    @Test
    void aTypeThatGoesAwayLeavesItsInstallationsWaitingNotBroken() {
        plugins.create(admin, "shop", plugin("agent", "general", image(), AGENT_CONFIG));
        build("agent");
        installs.install(admin, "shop", "api", install("agent", Map.of(), Map.of()));
        String token = installs.plugins(api, Map.of(), Set.of()).get(0).env().get("KATO_DISCOVERY_TOKEN");
        types.removeType(GENERAL, Map.of(Constants.SERVICE_ID, 2L, Constants.SERVICE_RANKING, 0));
        assertEquals(PluginInstall.TYPE_UNAVAILABLE, installs.list(admin, "shop", "api").get(0).state());
        assertFalse(plugins.get(admin, "shop", "agent").typeAvailable());
        assertTrue(installs.plugins(api, Map.of(), Set.of()).isEmpty(), "it does not run meanwhile");
        assertThrows(ConflictException.class, () -> installs.discovery("shop", "api", "agent", token));
        assertThrows(ConflictException.class, () -> installs.install(admin, "shop", "api", install("agent",
                Map.of(), Map.of())));
        types.addType(GENERAL, Map.of(Constants.SERVICE_ID, 9L, Constants.SERVICE_RANKING, 0));
        assertEquals(PluginInstall.ACTIVE, installs.list(admin, "shop", "api").get(0).state());
        assertEquals(1, installs.plugins(api, Map.of(), Set.of()).size(), "back when the type is");
    }

    @Test
    void aDockerfileIsCutIntoItsBaseAndInstructions() {
        var recipe = PluginBuildJob.recipe("# agent\n\nFROM alpine:3.20 AS base\nRUN apk add curl\nCMD [\"/agent\"]\n");
        assertEquals("alpine:3.20 AS base", recipe.baseImage());
        assertEquals(List.of("RUN apk add curl", "CMD [\"/agent\"]"), recipe.instructions());
        assertThrows(io.kato.api.job.JobFailedException.class, () -> PluginBuildJob.recipe("ARG V=1\nFROM x:$V\n"));
    }
}
