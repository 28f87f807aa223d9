package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.UnauthenticatedException;
import io.kato.api.ValidationException;
import io.kato.api.model.ComponentState;
import io.kato.api.model.HealthCheck;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.Registration;
import io.kato.api.model.ThirdPartyEndpoint;
import io.kato.api.service.AppService.AppDraft;
import io.kato.api.service.ComponentService.ComponentDraft;
import io.kato.api.service.TeamService.TeamDraft;
import io.kato.api.service.ThirdPartyService.Registered;
import io.kato.api.service.ThirdPartyService.ThirdPartyDraft;
import io.kato.api.thirdparty.RegistrationMethod;
import io.kato.store.Store;
import io.kato.store.internal.TestStores;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.osgi.framework.Constants;

/** Third-party components: registration, pushed endpoints and their key, watched endpoints and their health. */
class ThirdPartyTest {
    private final Actor admin = Actor.system();
    private Store store;
    private ComponentServiceImpl components;
    private RegistrationMethods methods;
    private ThirdPartyServiceImpl thirdParty;
    private ThirdPartyWatch watch;
    private final List<ServerSocket> servers = new ArrayList<>();

    /** Pushes the addresses in its config once, like the static method. */
    private static final RegistrationMethod LISTED = new RegistrationMethod() {
        @Override
        public String name() {
            return "listed";
        }

        @Override
        public List<String> validate(Map<String, String> config) {
            return config.containsKey("addresses") ? List.of() : List.of("addresses is required");
        }

        @Override
        public AutoCloseable start(String componentId, Map<String, String> config, int port, EndpointSink sink) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (String a : config.get("addresses").split(",")) {
                endpoints.add(new Endpoint(a.substring(0, a.indexOf(':')), Integer.parseInt(a.substring(
                        a.indexOf(':') + 1)), true));
            }
            sink.endpoints(endpoints);
            return () -> {
            };
        }
    };

    /** Takes pushed endpoints, like the api method. */
    static final RegistrationMethod PUSHED = new RegistrationMethod() {
        @Override
        public String name() {
            return "api";
        }

        @Override
        public boolean pushed() {
            return true;
        }

        @Override
        public List<String> validate(Map<String, String> config) {
            return List.of();
        }

        @Override
        public AutoCloseable start(String componentId, Map<String, String> config, int port, EndpointSink sink) {
            return () -> {
            };
        }
    };

    @BeforeEach
    void setUp() {
        store = TestStores.newDerbyStore();
        Secrets secrets = new Secrets(new SecretCipher(SecretCipherTest.randomKey()));
        Clock clock = Clock.systemUTC();
        components = new ComponentServiceImpl(store, secrets, new Runtimes("local"), clock);
        methods = new RegistrationMethods();
        methods.addMethod(LISTED, Map.of(Constants.SERVICE_ID, 1L, Constants.SERVICE_RANKING, 0));
        methods.addMethod(PUSHED, Map.of(Constants.SERVICE_ID, 2L, Constants.SERVICE_RANKING, 0));
        thirdParty = new ThirdPartyServiceImpl(store, methods, components, clock);
        new TeamServiceImpl(store, clock).create(admin, new TeamDraft("shop", null, null));
        new AppServiceImpl(store, clock).create(admin, "shop", new AppDraft("web", null, null));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (watch != null) {
            watch.deactivate();
        }
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    private static String field(Executable call) {
        return assertThrows(ValidationException.class, call).errors().get(0).field();
    }

    private static ThirdPartyDraft draft(String name, Port port, String method, Map<String, String> config,
                                         HealthCheck health) {
        return new ThirdPartyDraft(name, "web", null, port, method, config, health);
    }

    private static final Port MYSQL = new Port(3306, Protocol.MYSQL, "MYSQL", false, false);

    @Test
    void aRegistrationIsCheckedAndAThirdPartyComponentHasOnePortAndNothingToRun() {
        assertEquals("port", field(() -> thirdParty.create(admin, "shop", draft("db", null, "api", null, null))));
        assertEquals("port.outer", field(() -> thirdParty.create(admin, "shop", draft("db",
                new Port(3306, Protocol.TCP, "DB", false, true), "api", null, null))));
        assertEquals("method", field(() -> thirdParty.create(admin, "shop", draft("db", MYSQL, "etcd", null, null))));
        assertEquals("config", field(() -> thirdParty.create(admin, "shop", draft("db", MYSQL, "listed", Map.of(),
                null))));
        assertEquals("health.kind", field(() -> thirdParty.create(admin, "shop", draft("db", MYSQL, "api", null,
                new HealthCheck("icmp", null, null, null, null, null)))));
        assertEquals("health.periodSeconds", field(() -> thirdParty.create(admin, "shop", draft("db", MYSQL, "api",
                null, new HealthCheck("tcp", null, 0, null, null, null)))));
        assertEquals("sourceKind", field(() -> components.create(admin, "shop", new ComponentDraft("x", "web", null,
                io.kato.api.model.SourceKind.THIRD_PARTY, null, null, null, null, null, null, null))));
        assertTrue(components.list(admin, "shop", io.kato.api.PageRequest.first()).items().isEmpty(),
                "refused ones leave nothing");

        Registered made = thirdParty.create(admin, "shop", draft("db", MYSQL, "api", null, null));
        assertTrue(made.component().ports().get(0).inner(), "dependents reach it");
        assertEquals(Registration.CLOSED, made.registration().status());
        assertEquals(ComponentState.CLOSED, components.state(admin, "shop", "db"));
        assertEquals("ports", field(() -> components.putPort(admin, "shop", "db", new Port(3307, Protocol.TCP, "X",
                true, false), null)));
        assertEquals("ports", field(() -> components.removePort(admin, "shop", "db", 3306, null)));
        components.putPort(admin, "shop", "db", new Port(3306, Protocol.MYSQL, "DB", true, false), null);
        assertThrows(ConflictException.class, () -> components.start(admin, "shop", "db"));
        components.create(admin, "shop", new ComponentDraft("site", "web", null, null, null, null, null, null, null,
                null, null));
        assertEquals("component", field(() -> thirdParty.registration(admin, "shop", "site")),
                "an in-platform component has no registration");
    }

    @Test
    void endpointsArePushedWithTheSecretKeyWhichRotates() {
        Registered made = thirdParty.create(admin, "shop", draft("db", MYSQL, "api", null, null));
        String key = made.registration().secretKey();
        assertNotNull(key, "shown once, at creation");
        assertNull(thirdParty.registration(admin, "shop", "db").secretKey(), "never again");
        assertThrows(UnauthenticatedException.class, () -> thirdParty.putEndpoint("shop", "db", "kato-endpoints-wrong",
                "10.0.0.5", true));
        assertThrows(UnauthenticatedException.class, () -> thirdParty.putEndpoint("shop", "nope", key, "10.0.0.5",
                true), "the same answer as a wrong key");
        assertEquals("ip", field(() -> thirdParty.putEndpoint("shop", "db", key, "10.0.0.5:99999", true)));
        assertEquals("ip", field(() -> thirdParty.putEndpoint("shop", "db", key, "not a host", true)));

        List<ThirdPartyEndpoint> list = thirdParty.putEndpoint("shop", "db", key, "10.0.0.5", true);
        assertEquals("10.0.0.5:3306", list.get(0).address(), "the component's port");
        thirdParty.putEndpoint("shop", "db", key, "[fd00::6]:3307", true);
        assertEquals(Registration.RUNNING, thirdParty.registration(admin, "shop", "db").status());
        thirdParty.putEndpoint("shop", "db", key, "10.0.0.5", false);
        thirdParty.putEndpoint("shop", "db", key, "[fd00::6]:3307", false);
        assertEquals(Registration.ABNORMAL, thirdParty.registration(admin, "shop", "db").status());
        assertEquals(ComponentState.ABNORMAL, components.state(admin, "shop", "db"));
        assertEquals(List.of("10.0.0.5:3306", "[fd00::6]:3307"), thirdParty.endpoints("shop", "db", key).stream()
                .map(ThirdPartyEndpoint::address).toList());
        thirdParty.removeEndpoint("shop", "db", key, "[fd00::6]:3307");

        String next = thirdParty.rotateKey(admin, "shop", "db").secretKey();
        assertThrows(UnauthenticatedException.class, () -> thirdParty.endpoints("shop", "db", key),
                "the old key stops at once");
        assertEquals(1, thirdParty.endpoints("shop", "db", next).size());

        methods.removeMethod(PUSHED, Map.of(Constants.SERVICE_ID, 2L));
        assertThrows(ConflictException.class, () -> thirdParty.putEndpoint("shop", "db", next, "10.0.0.7", true),
                "a method that went away takes no pushes");
        assertFalse(thirdParty.registration(admin, "shop", "db").methodAvailable());
    }

    private ServerSocket listen(int port) throws Exception {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        servers.add(s);
        return s;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void watchedEndpointsAreHealthCheckedOfflineAndBackByThemselves() throws Exception {
        ServerSocket up = listen(0);
        int port = up.getLocalPort();
        thirdParty.create(admin, "shop", draft("db", MYSQL, "listed", Map.of("addresses", "127.0.0.1:" + port
                + ",127.0.0.1:1"), new HealthCheck("tcp", null, 1, 1, 1, 1)));
        watch = new ThirdPartyWatch(store, methods);
        await("the listed endpoints", () -> thirdParty.registration(admin, "shop", "db").endpoints().size() == 2);
        await("port 1 to go offline", () -> thirdParty.registration(admin, "shop", "db").endpoints().stream()
                .anyMatch(e -> e.address().endsWith(":1") && !e.healthy()));
        Registration r = thirdParty.registration(admin, "shop", "db");
        assertEquals(Registration.RUNNING, r.status(), "one ready is enough");
        assertTrue(r.endpoints().stream().filter(e -> !e.healthy()).findFirst().orElseThrow().message()
                .contains("no TCP connection"));

        up.close();
        await("the flap: offline", () -> thirdParty.registration(admin, "shop", "db").status()
                .equals(Registration.ABNORMAL));
        listen(port);
        await("the flap: back by itself", () -> thirdParty.registration(admin, "shop", "db").status()
                .equals(Registration.RUNNING));

        thirdParty.update(admin, "shop", "db", null, Map.of("addresses", "127.0.0.1:" + port), null);
        await("the changed list", () -> thirdParty.registration(admin, "shop", "db").endpoints().size() == 1);
        methods.removeMethod(LISTED, Map.of(Constants.SERVICE_ID, 1L));
        watch.sync();
        assertEquals(1, thirdParty.registration(admin, "shop", "db").endpoints().size(),
                "a method that goes leaves the endpoints as they were");
    }
}
