package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.ValidationException;
import io.kato.api.model.Component;
import io.kato.api.model.ComponentState;
import io.kato.api.model.Dependency;
import io.kato.api.model.Dependent;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.Topology;
import io.kato.api.runtime.Deployment;
import io.kato.api.service.AppService.AppDraft;
import io.kato.api.service.ComponentService.ComponentDraft;
import io.kato.api.service.TeamService.TeamDraft;
import io.kato.store.BuildRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.internal.TestStores;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dependencies between components, the connection information they carry, and topologies. */
class DependenciesTest {
    private final Actor admin = Actor.system();
    private Store store;
    private Secrets secrets;
    private ComponentServiceImpl components;
    private DependencyServiceImpl dependencies;

    @BeforeEach
    void setUp() {
        store = TestStores.newDerbyStore();
        secrets = new Secrets(new SecretCipher(SecretCipherTest.randomKey()));
        Clock clock = Clock.systemUTC();
        Runtimes runtimes = new Runtimes("local");
        runtimes.addRuntime(new ReconcilerTest.FakeRuntime("local") {
            @Override
            public String innerAddress(String componentId, String name, String team, int port) {
                return "127.0.0.1:" + (40000 + port % 10000); // a stable forwarding port per component port
            }
        });
        components = new ComponentServiceImpl(store, secrets, runtimes, clock);
        dependencies = new DependencyServiceImpl(store, components, new ConnectionInfo(secrets, runtimes), clock);
        new TeamServiceImpl(store, clock).create(admin, new TeamDraft("shop", null, null));
        new AppServiceImpl(store, clock).create(admin, "shop", new AppDraft("web", null, null));
        new AppServiceImpl(store, clock).create(admin, "shop", new AppDraft("data", null, null));
        component("api", "web", List.of(new Port(8080, Protocol.HTTP, "API", false, true)), List.of());
        component("worker", "web", List.of(), List.of());
        component("db", "data", List.of(new Port(5432, Protocol.TCP, "PG", true, false)), List.of(
                new EnvVar("DB_USER", "kato", EnvScope.CONNECTION, false),
                new EnvVar("DB_PASSWORD", "s3cret", EnvScope.CONNECTION, true),
                new EnvVar("DB_TUNING", "fast", EnvScope.RUNTIME, false)));
        component("cache", "data", List.of(new Port(6379, Protocol.TCP, "REDIS", true, false)), List.of());
    }

    private void component(String name, String app, List<Port> ports, List<EnvVar> env) {
        components.create(admin, "shop", new ComponentDraft(name, app, null, null, 1, 128, null, ports, env, null,
                null));
    }

    @Test
    void dependenciesAreAddedAndRemovedAndACycleIsRefusedByName() {
        Dependency db = dependencies.add(admin, "shop", "api", "db");
        assertEquals(List.of("DB_PASSWORD", "DB_USER", "PG_HOST", "PG_PORT"), db.connection(),
                "the names it passes on, never the values");
        dependencies.add(admin, "shop", "api", "db");
        dependencies.add(admin, "shop", "api", "cache");
        dependencies.add(admin, "shop", "db", "cache");
        assertEquals(List.of("cache", "db"), dependencies.dependencies(admin, "shop", "api").stream()
                .map(Dependency::component).toList(), "adding twice changes nothing");

        ValidationException cycle = assertThrows(ValidationException.class,
                () -> dependencies.add(admin, "shop", "cache", "api"));
        assertTrue(cycle.getMessage().contains("cache -> api -> cache"), cycle.getMessage());
        ValidationException longer = assertThrows(ValidationException.class,
                () -> dependencies.add(admin, "shop", "cache", "db"));
        assertTrue(longer.getMessage().contains("cache -> db -> cache"), longer.getMessage());
        assertThrows(ValidationException.class, () -> dependencies.add(admin, "shop", "api", "api"));
        assertThrows(NotFoundException.class, () -> dependencies.add(admin, "shop", "api", "nope"));
        assertTrue(dependencies.dependencies(admin, "shop", "cache").isEmpty(), "refused ones add nothing");

        ConflictException inUse = assertThrows(ConflictException.class,
                () -> components.delete(admin, "shop", "cache", null));
        assertTrue(inUse.getMessage().contains("[api, db]"), inUse.getMessage());
        dependencies.remove(admin, "shop", "api", "db");
        assertThrows(NotFoundException.class, () -> dependencies.remove(admin, "shop", "api", "db"));
        assertEquals(List.of("cache"), dependencies.dependencies(admin, "shop", "api").stream()
                .map(Dependency::component).toList());
        components.delete(admin, "shop", "api", null);
        assertEquals(List.of("db"), dependencies.dependents(admin, "shop", "cache").stream()
                .map(Dependent::component).toList(), "a deleted dependent takes its edges along");
    }

    private Component stored(String name) {
        return store.inTransaction(tx -> new io.kato.store.ComponentRows(tx).byName(
                new io.kato.store.TeamRows(tx).byName("shop").orElseThrow().id(), name)).orElseThrow();
    }

    private Deployment deployment(String name) {
        return new Deployments(store, secrets).of(stored(name)).orElseThrow();
    }

    @Test
    void dependentsReceiveConnectionInformationAtStartAndSeeWhenItGoesStale() {
        dependencies.add(admin, "shop", "api", "db");
        dependencies.add(admin, "shop", "api", "cache");
        String api = stored("api").id();
        store.inTransaction(tx -> {
            new BuildRows(tx).insertVersion(new BuildRows.VersionRow(Rows.newId(), api, 1, Rows.newId(), "image",
                    "registry.example.org/api@sha256:" + "a".repeat(64), "[]", "a".repeat(64), "1", "root", "image",
                    Instant.now()));
            return null;
        });
        components.start(admin, "shop", "api");

        Deployment d = deployment("api");
        assertEquals("127.0.0.1", d.env().get("PG_HOST"));
        assertEquals("45432", d.env().get("PG_PORT"));
        assertEquals("46379", d.env().get("REDIS_PORT"));
        assertEquals("kato", d.env().get("DB_USER"));
        assertEquals("s3cret", d.env().get("DB_PASSWORD"));
        assertEquals("cache,db", d.env().get(ConnectionInfo.DEPENDENCIES));
        assertFalse(d.env().containsKey("DB_TUNING"), "runtime variables stay with their component");
        assertTrue(d.secretEnv().contains("DB_PASSWORD"), "connection information travels as a secret");
        assertFalse(d.env().containsKey("API_HOST"), "an outer-only port offers no inner address");
        assertEquals(List.of(new Dependent("api", true, false, dependencies.dependents(admin, "shop", "db").get(0)
                .receivedAt())), dependencies.dependents(admin, "shop", "db"));

        components.putEnv(admin, "shop", "db", new EnvVar("DB_USER", "kato2", EnvScope.CONNECTION, false), null);
        assertTrue(dependencies.dependents(admin, "shop", "db").get(0).stale(), "it runs with the old user");
        assertEquals("kato", deployment("api").env().get("DB_USER"), "until its next restart or upgrade");
        components.restart(admin, "shop", "api");
        assertFalse(dependencies.dependents(admin, "shop", "db").get(0).stale());
        assertEquals("kato2", deployment("api").env().get("DB_USER"));
        dependencies.add(admin, "shop", "worker", "db");
        assertFalse(dependencies.dependents(admin, "shop", "db").stream().filter(x -> x.component().equals("worker"))
                .findFirst().orElseThrow().stale(), "a dependent that does not run is not stale");
    }

    @Test
    void aThirdPartyDependencyIsReachedAtItsEndpointOrAtTheNameTheRuntimeGivesIt() {
        RegistrationMethods methods = new RegistrationMethods();
        methods.addMethod(ThirdPartyTest.PUSHED, Map.of(org.osgi.framework.Constants.SERVICE_ID, 1L));
        ThirdPartyServiceImpl thirdParty = new ThirdPartyServiceImpl(store, methods, components, Clock.systemUTC());
        String key = thirdParty.create(admin, "shop", new io.kato.api.service.ThirdPartyService.ThirdPartyDraft("mysql",
                "data", null, new Port(3306, Protocol.MYSQL, "MYSQL", false, false), "api", null, null))
                .registration().secretKey();
        thirdParty.putEndpoint("shop", "mysql", key, "10.0.0.9", false);
        thirdParty.putEndpoint("shop", "mysql", key, "10.0.0.5:3307", true);
        dependencies.add(admin, "shop", "worker", "mysql");
        Component worker = stored("worker");
        ConnectionInfo local = new ConnectionInfo(secrets, new Runtimes("local"));
        Map<String, String> direct = store.inTransaction(tx -> local.current(tx, worker));
        assertEquals("10.0.0.5", direct.get("MYSQL_HOST"), "the ready endpoint, not the offline one");
        assertEquals("3307", direct.get("MYSQL_PORT"));

        List<io.kato.api.runtime.ExternalService> externals = new java.util.ArrayList<>();
        Runtimes cluster = new Runtimes("kubernetes");
        cluster.addRuntime(new ReconcilerTest.FakeRuntime("kubernetes") {
            @Override
            public String externalAddress(String componentId, String name, String team, int port) {
                return name + ".kato-" + team + ".svc:" + port;
            }

            @Override
            public void applyExternal(io.kato.api.runtime.ExternalService service) {
                externals.add(service);
            }
        });
        Map<String, String> named = store.inTransaction(tx -> new ConnectionInfo(secrets, cluster).current(tx, worker));
        assertEquals("mysql.kato-shop.svc", named.get("MYSQL_HOST"));
        assertEquals("3306", named.get("MYSQL_PORT"));
        Reconciler r = new Reconciler(store, cluster, c -> java.util.Optional.empty());
        try {
            r.reconcileAll();
        } finally {
            r.deactivate();
        }
        assertEquals(1, externals.size());
        assertEquals(List.of("10.0.0.5:3307"), externals.get(0).addresses(), "its ready endpoints");
        assertEquals("shop", externals.get(0).team());
    }

    @Test
    void aTopologyHasTheAppsComponentsAndWhatTheyDependOnElsewhere() {
        dependencies.add(admin, "shop", "api", "db");
        dependencies.add(admin, "shop", "worker", "db");
        dependencies.add(admin, "shop", "db", "cache");
        Topology t = dependencies.topology(admin, "shop", "web");
        assertEquals(List.of("api", "worker", "db"), t.nodes().stream().map(Topology.Node::component).toList());
        assertEquals("data", t.nodes().get(2).app());
        assertEquals(ComponentState.UNDEPLOYED, t.nodes().get(0).state());
        assertEquals(List.of(new Topology.Edge("api", "db"), new Topology.Edge("worker", "db")), t.edges(),
                "db's own dependency belongs to its app's topology");
        assertEquals(List.of(new Topology.Edge("db", "cache")), dependencies.topology(admin, "shop", "data").edges());
        assertThrows(NotFoundException.class, () -> dependencies.topology(admin, "shop", "nope"));
    }
}
