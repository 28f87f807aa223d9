package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.ValidationException;
import io.kato.api.build.BuildPlan;
import io.kato.api.gateway.RouteTable;
import io.kato.api.model.GatewayRule;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.runtime.BuildRequest;
import io.kato.api.runtime.Deployment;
import io.kato.api.runtime.LogSink;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.Runtime;
import io.kato.api.service.AppService.AppDraft;
import io.kato.api.service.ComponentService.ComponentDraft;
import io.kato.api.service.GatewayRuleService.RuleDraft;
import io.kato.api.service.TeamService.TeamDraft;
import io.kato.store.Store;
import io.kato.store.internal.TestStores;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Default domains and custom rules routed over what a (stand-in) runtime reports ready. */
class GatewayRoutesTest {
    private final Actor admin = new Actor("root", null, true, Map.of(), "req");
    private final Map<String, List<String>> ready = new HashMap<>();
    private Store store;
    private ComponentServiceImpl components;
    private GatewayRoutes routes;
    private GatewayRuleServiceImpl rules;

    /** Reports the addresses in {@link #ready} by component name. */
    private final class StandIn implements Runtime {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public String build(BuildRequest request, BuildPlan plan, LogSink log) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void apply(Deployment deployment) {
        }

        @Override
        public void remove(String componentId) {
        }

        @Override
        public Observation observe(String componentId) {
            String name = store.inTransaction(tx -> new io.kato.store.ComponentRows(tx).byId(componentId))
                    .orElseThrow().name();
            return new Observation(true, "v1", ready.getOrDefault(name, List.of()).stream()
                    .map(a -> new Observation.Instance(name + "-0", true, true, 0, a)).toList());
        }

        @Override
        public AutoCloseable logs(String componentId, String instance, LogSink sink) {
            return () -> { };
        }
    }

    @BeforeEach
    void setUp() {
        store = TestStores.newDerbyStore();
        Clock clock = Clock.systemUTC();
        Runtimes runtimes = new Runtimes("local");
        runtimes.addRuntime(new StandIn());
        Secrets secrets = new Secrets(new SecretCipher(SecretCipherTest.randomKey()));
        components = new ComponentServiceImpl(store, secrets, runtimes, clock);
        new TeamServiceImpl(store, clock).create(admin, new TeamDraft("shop", null, null));
        new TeamServiceImpl(store, clock).create(admin, new TeamDraft("other", null, null));
        new AppServiceImpl(store, clock).create(admin, "shop", new AppDraft("web", null, null));
        new AppServiceImpl(store, clock).create(admin, "other", new AppDraft("web", null, null));
        for (String name : List.of("web", "web-next")) {
            components.create(admin, "shop", new ComponentDraft(name, "web", null, null, null, null, null,
                    List.of(new Port(80, Protocol.HTTP, null, false, true)), null, null, null));
        }
        components.create(admin, "shop", new ComponentDraft("worker", "web", null, null, null, null, null, null, null,
                null, null));
        components.create(admin, "other", new ComponentDraft("site", "web", null, null, null, null, null, null, null,
                null, null));
        ready.put("web", List.of("127.0.0.1:1001"));
        ready.put("web-next", List.of("127.0.0.1:1002"));
        routes = new GatewayRoutes(store, runtimes, secrets, new PluginInstallServiceImpl(store,
                new PluginTypeRegistryImpl(), secrets, "http://kato.test/api/v1/discovery", clock), config());
        rules = new GatewayRuleServiceImpl(store, routes, clock);
    }

    @AfterEach
    void tearDown() {
        if (routes != null) {
            routes.deactivate();
        }
    }

    private static GatewayRoutes.Config config() {
        return new GatewayRoutes.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return GatewayRoutes.Config.class;
            }

            @Override
            public String baseDomain() {
                return "localhost";
            }

            @Override
            public int publicPort() {
                return 8880;
            }

            @Override
            public String publicScheme() {
                return "http";
            }
        };
    }

    private Optional<String> component(String host, String path, Map<String, String> headers) {
        Function<String, String> header = name -> headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        return routes.route(host, path, header).map(RouteTable.Route::component);
    }

    @Test
    void defaultDomainsRouteOuterPortsToReadyInstances() {
        routes.refresh();
        RouteTable.Route web = routes.route("WEB-shop.localhost:8880", "/x", h -> null).orElseThrow();
        assertEquals(List.of("127.0.0.1:1001"), web.upstreams());
        assertEquals(Optional.empty(), component("worker-shop.localhost", "/", Map.of()), "no outer port");
        assertEquals(Optional.empty(), component("nothing.localhost", "/", Map.of()));
        assertEquals(List.of("http://web-shop.localhost:8880/"), routes.urls("shop",
                components.get(admin, "shop", "web")));
    }

    @Test
    void theWaysInAreHandedToAClustersIngressWithShares() {
        rules.create(admin, "shop", new RuleDraft("shop.example.org", "/api", null,
                List.of(new GatewayRule.Backend("web", 90), new GatewayRule.Backend("web-next", 10))));
        rules.create(admin, "shop", new RuleDraft("beta.example.org", null, Map.of("X-Beta", "1"),
                List.of(new GatewayRule.Backend("web-next", 100))));
        routes.refresh();
        List<Deployment.Route> web = routes.ingress("shop", components.get(admin, "shop", "web"));
        assertEquals(List.of("shop.example.org/api 90 true", "web-shop.localhost/ 100 true"), web.stream()
                .map(r -> r.host() + r.path() + " " + r.weight() + " " + r.primary()).toList(), "sorted by host");
        List<Deployment.Route> next = routes.ingress("shop", components.get(admin, "shop", "web-next"));
        assertEquals(List.of("beta.example.org/ 100 true {x-beta=1}", "shop.example.org/api 10 false {}",
                "web-next-shop.localhost/ 100 true {}"), next.stream().map(r -> r.host() + r.path() + " "
                + r.weight() + " " + r.primary() + " " + r.headers()).toList());
        assertEquals(List.of(), routes.ingress("shop", components.get(admin, "shop", "worker")), "no port");
    }

    @Test
    void aComponentMadeAMomentAgoAnswersAtOnce() {
        components.bindRoutes(routes);
        routes.refresh(); // so the next unknown host may not rebuild the table for half a second, but for a change
        components.create(admin, "shop", new ComponentDraft("fresh", "web", null, null, null, null, null,
                List.of(new Port(80, Protocol.HTTP, null, false, true)), null, null, null));
        assertTrue(routes.route("fresh-shop.localhost", "/", h -> null).isPresent());
    }

    @Test
    void rulesSplitByWeightMatchHeadersAndPathsAndWinOverDefaults() {
        rules.create(admin, "shop", new RuleDraft("Shop.Example.org", "/api/", null,
                List.of(new GatewayRule.Backend("web", 90), new GatewayRule.Backend("web-next", 10))));
        rules.create(admin, "shop", new RuleDraft("shop.example.org", "/api", Map.of("X-Canary", "1"),
                List.of(new GatewayRule.Backend("web-next", 100))));
        rules.create(admin, "shop", new RuleDraft("web-shop.localhost", null, null,
                List.of(new GatewayRule.Backend("web-next", 100))));
        int next = 0;
        for (int i = 0; i < 2000; i++) {
            next += component("shop.example.org", "/api/orders", Map.of()).orElseThrow().equals("web-next") ? 1 : 0;
        }
        assertTrue(next > 120 && next < 280, "about a tenth to web-next: " + next);
        assertEquals(Optional.of("web-next"), component("shop.example.org", "/api", Map.of("x-canary", "1")));
        assertEquals(Optional.empty(), component("shop.example.org", "/apix", Map.of()), "a prefix ends at a /");
        assertEquals(Optional.of("web-next"), component("web-shop.localhost", "/", Map.of()), "rules come first");
        assertTrue(routes.urls("shop", components.get(admin, "shop", "web-next"))
                .contains("http://shop.example.org:8880/api/"));

        ready.put("web", List.of());
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.of("web-next"), component("shop.example.org", "/api", Map.of()),
                    "a backend without a ready instance gets nothing");
        }
        ready.put("web-next", List.of());
        RouteTable.Route none = routes.route("shop.example.org", "/api", h -> null).orElseThrow();
        assertEquals("web", none.component(), "all unready: the heaviest answers 503");
        assertTrue(none.upstreams().isEmpty());

        ConflictException used = assertThrows(ConflictException.class, () -> components.delete(admin, "shop", "web",
                null));
        assertTrue(used.getMessage().contains("backend of gateway rule"), used.getMessage());
        GatewayRule canary = rules.list(admin, "shop").stream().filter(r -> !r.headers().isEmpty()).findFirst()
                .orElseThrow();
        assertEquals(Map.of("x-canary", "1"), canary.headers());
        rules.delete(admin, "shop", canary.id());
        assertEquals(2, rules.list(admin, "shop").size());
    }

    @Test
    void badRulesAreRefusedAndChangeNothing() {
        List<GatewayRule.Backend> web = List.of(new GatewayRule.Backend("web", 100));
        assertThrows(ValidationException.class, () -> rules.create(admin, "shop", new RuleDraft("nodots", null, null,
                web)));
        assertThrows(ValidationException.class, () -> rules.create(admin, "shop", new RuleDraft("a.example.org",
                "api", null, web)));
        assertThrows(ValidationException.class, () -> rules.create(admin, "shop", new RuleDraft("a.example.org",
                "/../x", null, web)));
        assertThrows(ValidationException.class, () -> rules.create(admin, "shop", new RuleDraft("a.example.org",
                null, Map.of("Bad Header", "1"), web)));
        assertThrows(ValidationException.class, () -> rules.create(admin, "shop", new RuleDraft("a.example.org",
                null, null, List.of(new GatewayRule.Backend("web", 0)))));
        assertThrows(ValidationException.class, () -> rules.create(admin, "shop", new RuleDraft("a.example.org",
                null, null, List.of(new GatewayRule.Backend("ghost", 50)))));
        ValidationException namespace = assertThrows(ValidationException.class, () -> rules.create(admin, "shop",
                new RuleDraft("site-other.localhost", null, null, web)));
        assertTrue(namespace.getMessage().contains("-shop.localhost"), namespace.getMessage());
        assertEquals(List.of(), rules.list(admin, "shop"));

        rules.create(admin, "other", new RuleDraft("taken.example.org", null, null,
                List.of(new GatewayRule.Backend("site", 100))));
        assertThrows(ConflictException.class, () -> rules.create(admin, "shop", new RuleDraft("taken.example.org",
                "/shop", null, web)), "another team's domain");
        rules.create(admin, "shop", new RuleDraft("mine.example.org", null, null, web));
        assertThrows(ConflictException.class, () -> rules.create(admin, "shop", new RuleDraft("mine.example.org",
                "/", null, web)), "the same match twice");
        // names hold '-': no team takes another's default domain, by a rule or by a component's name
        Clock clock = Clock.systemUTC();
        for (String team : List.of("b", "shop-b", "b-c", "c")) {
            new TeamServiceImpl(store, clock).create(admin, new TeamDraft(team, null, null));
            new AppServiceImpl(store, clock).create(admin, team, new AppDraft("web", null, null));
        }
        components.create(admin, "shop-b", new ComponentDraft("web", "web", null, null, null, null, null, null, null,
                null, null));
        components.create(admin, "b", new ComponentDraft("x", "web", null, null, null, null, null, null, null,
                null, null));
        ConflictException hijack = assertThrows(ConflictException.class, () -> rules.create(admin, "b",
                new RuleDraft("web-shop-b.localhost", null, null, List.of(new GatewayRule.Backend("x", 100)))));
        assertTrue(hijack.getMessage().contains("component 'web' of team 'shop-b'"), hijack.getMessage());
        components.create(admin, "b-c", new ComponentDraft("a", "web", null, null, null, null, null, null, null, null,
                null));
        ConflictException twin = assertThrows(ConflictException.class, () -> components.create(admin, "c",
                new ComponentDraft("a-b", "web", null, null, null, null, null, null, null, null, null)));
        assertTrue(twin.getMessage().contains("default domain"), twin.getMessage());

        Actor viewer = new Actor("vera", "u1", false, Map.of(), null);
        assertThrows(RuntimeException.class, () -> rules.create(viewer, "shop", new RuleDraft("v.example.org", null,
                null, web)));
    }
}
