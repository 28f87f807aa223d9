package io.kato.core.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.UnauthenticatedException;
import io.kato.api.ValidationException;
import io.kato.api.model.App;
import io.kato.api.model.Component;
import io.kato.api.model.HealthCheck;
import io.kato.api.model.Port;
import io.kato.api.model.Registration;
import io.kato.api.model.SourceKind;
import io.kato.api.model.Team;
import io.kato.api.model.ThirdPartyEndpoint;
import io.kato.api.service.ThirdPartyService;
import io.kato.api.thirdparty.RegistrationMethod;
import io.kato.store.ComponentRows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import io.kato.store.ThirdPartyRows;
import io.kato.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;

/** Third-party components: their registration, its secret key, and the endpoints pushed with it. */
@org.osgi.service.component.annotations.Component(service = {ThirdPartyService.class, ThirdPartyServiceImpl.class})
public class ThirdPartyServiceImpl extends ServiceSupport implements ThirdPartyService {
    static final int MAX_ENDPOINTS = 100;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?"
            + "|\\[?[0-9A-Fa-f:.]+]?");
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    private final RegistrationMethods methods;
    private final ComponentServiceImpl components;

    @Activate
    public ThirdPartyServiceImpl(@Reference Store store, @Reference RegistrationMethods methods,
                                 @Reference ComponentServiceImpl components) {
        this(store, methods, components, Clock.systemUTC());
    }

    ThirdPartyServiceImpl(Store store, RegistrationMethods methods, ComponentServiceImpl components, Clock clock) {
        super(store, clock);
        this.methods = methods;
        this.components = components;
    }

    @Override
    public List<MethodInfo> methods() {
        return methods.infos();
    }

    @Override
    public Registered create(Actor actor, String team, ThirdPartyDraft draft) {
        if (draft == null) {
            throw ValidationException.of("body", "is required: {\"name\": \"mysql\", \"app\": \"shop\", \"port\":"
                    + " {\"port\": 3306, \"alias\": \"MYSQL\"}, \"method\": \"static\", \"config\": {\"addresses\":"
                    + " \"10.0.0.5\"}}");
        }
        String name = Names.dnsLabel("name", draft.name());
        if (draft.app() == null || draft.app().isBlank()) {
            throw ValidationException.of("app", "is required: the name of the application it belongs to");
        }
        if (draft.port() == null) {
            throw ValidationException.of("port", "is required: a third-party component has exactly one port,"
                    + " {\"port\": 3306, \"protocol\": \"mysql\", \"alias\": \"MYSQL\"}");
        }
        Port port = ComponentSpecs.port("port", draft.port(), name);
        if (port.outer()) {
            throw ValidationException.of("port.outer", "the gateway does not route to third-party components: leave"
                    + " it false (dependents reach it by its inner address)");
        }
        Port inner = new Port(port.port(), port.protocol(), port.alias(), true, false);
        RegistrationMethod method = method(draft.method());
        Map<String, String> config = config(method, draft.config());
        HealthCheck health = health(draft.health());
        String key = method.pushed() ? TokenHash.newToken("kato-endpoints-") : null;
        Registered made = tx(() -> "Component '" + name + "' already exists in team '" + team + "': choose another"
                + " name", tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            App app = AppServiceImpl.find(tx, t, draft.app());
            if (new ComponentRows(tx).byName(t.id(), name).isPresent()) {
                throw new ConflictException("Component '" + name + "' already exists in team '" + team
                        + "': choose another name");
            }
            Component c = components.insertThirdParty(tx, actor, t, app, name,
                    Names.text("displayName", draft.displayName(), 200, name), inner);
            new ThirdPartyRows(tx).putRegistration(new ThirdPartyRows.Registration(c.id(), method.name(),
                    StoredJson.write(config), StoredJson.write(health), key == null ? null : TokenHash.hash(key), now()));
            audit(tx, actor, t.id(), "register", "component/" + name, null, method.name());
            return new Registered(c.masked(), registration(tx, c, key));
        });
        return made;
    }

    @Override
    public Registration registration(Actor actor, String team, String component) {
        return tx(tx -> registration(tx, thirdParty(tx, Access.team(tx, actor, team, Access.Need.READ), component),
                null));
    }

    @Override
    public Registration update(Actor actor, String team, String component, String method, Map<String, String> config,
                               HealthCheck health) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = thirdParty(tx, t, component);
            ThirdPartyRows rows = new ThirdPartyRows(tx);
            ThirdPartyRows.Registration before = rows.registration(c.id()).orElseThrow();
            RegistrationMethod m = method(method == null ? before.method() : method);
            Map<String, String> cfg = config(m, config == null ? readConfig(before.configJson()) : config);
            HealthCheck h = health == null ? readHealth(before.healthJson()) : health(health);
            String keyHash = m.pushed() ? before.keyHash() : null;
            String key = null;
            if (m.pushed() && keyHash == null) {
                key = TokenHash.newToken("kato-endpoints-"); // now taking pushes: its first key, shown once
                keyHash = TokenHash.hash(key);
            }
            if (!m.name().equals(before.method())) {
                rows.endpoints(c.id()).forEach(e -> rows.removeEndpoint(c.id(), e.address())); // the old method's
            }
            rows.putRegistration(new ThirdPartyRows.Registration(c.id(), m.name(), StoredJson.write(cfg), StoredJson.write(h), keyHash,
                    now()));
            audit(tx, actor, t.id(), "update-registration", "component/" + c.name(), before.method(), m.name());
            return registration(tx, c, key);
        });
    }

    @Override
    public Registration rotateKey(Actor actor, String team, String component) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = thirdParty(tx, t, component);
            ThirdPartyRows rows = new ThirdPartyRows(tx);
            ThirdPartyRows.Registration r = rows.registration(c.id()).orElseThrow();
            if (r.keyHash() == null) {
                throw new ConflictException("Component '" + component + "' is registered by '" + r.method()
                        + "', which takes no pushed endpoints: it has no key to rotate");
            }
            String key = TokenHash.newToken("kato-endpoints-");
            rows.putRegistration(new ThirdPartyRows.Registration(c.id(), r.method(), r.configJson(), r.healthJson(),
                    TokenHash.hash(key), now()));
            audit(tx, actor, t.id(), "rotate-key", "component/" + c.name(), null, null);
            return registration(tx, c, key);
        });
    }

    @Override
    public List<ThirdPartyEndpoint> putEndpoint(String team, String component, String secretKey, String address,
                                                boolean online) {
        return pushed(team, component, secretKey, (tx, c) -> {
            String a = address(address, c.ports().get(0).port());
            ThirdPartyRows rows = new ThirdPartyRows(tx);
            List<ThirdPartyRows.Endpoint> now = rows.endpoints(c.id());
            Optional<ThirdPartyRows.Endpoint> before = now.stream().filter(e -> e.address().equals(a)).findFirst();
            if (before.isEmpty() && now.size() >= MAX_ENDPOINTS) {
                throw ValidationException.of("ip", "component '" + component + "' has " + MAX_ENDPOINTS
                        + " endpoints, the most it may have: remove one first");
            }
            rows.putEndpoint(new ThirdPartyRows.Endpoint(c.id(), a, online,
                    before.map(ThirdPartyRows.Endpoint::healthy).orElse(true),
                    before.map(ThirdPartyRows.Endpoint::message).orElse(null), now()));
        });
    }

    @Override
    public List<ThirdPartyEndpoint> endpoints(String team, String component, String secretKey) {
        return pushed(team, component, secretKey, (tx, c) -> {
        });
    }

    @Override
    public List<ThirdPartyEndpoint> removeEndpoint(String team, String component, String secretKey, String address) {
        return pushed(team, component, secretKey, (tx, c) -> {
            String a = address(address, c.ports().get(0).port());
            if (!new ThirdPartyRows(tx).removeEndpoint(c.id(), a)) {
                throw new io.kato.api.NotFoundException("Component '" + component + "' has no endpoint " + a);
            }
        });
    }

    private interface Push {
        void apply(Tx tx, Component c);
    }

    /**
     * One pushed change, authenticated by the component's key: the same refusal for an
     * unknown component and a wrong key, so the endpoint tells no one what exists.
     */
    private List<ThirdPartyEndpoint> pushed(String team, String component, String secretKey, Push push) {
        UnauthenticatedException refused = new UnauthenticatedException("The secret key does not belong to"
                + " component '" + component + "' of team '" + team + "': use the key given when it was registered"
                + " or last rotated (POST …/registration/rotate-key gives a new one)");
        if (secretKey == null || secretKey.isBlank()) {
            throw refused;
        }
        byte[] given = TokenHash.hash(secretKey.strip()).getBytes(StandardCharsets.UTF_8);
        return tx(tx -> {
            Optional<Team> t = new TeamRows(tx).byName(team == null ? "" : team);
            Optional<Component> c = t.flatMap(x -> new ComponentRows(tx).byName(x.id(), component == null ? ""
                    : component));
            Optional<ThirdPartyRows.Registration> r = c.flatMap(x -> new ThirdPartyRows(tx).registration(x.id()));
            if (r.isEmpty() || r.get().keyHash() == null
                    || !MessageDigest.isEqual(r.get().keyHash().getBytes(StandardCharsets.UTF_8), given)) {
                throw refused;
            }
            if (methods.byName(r.get().method()).filter(RegistrationMethod::pushed).isEmpty()) {
                throw new ConflictException("No bundle of registration method '" + r.get().method() + "' is installed"
                        + " now: its endpoints stay as they are until it is back");
            }
            push.apply(tx, c.get());
            return new ThirdPartyRows(tx).endpoints(c.get().id()).stream().map(ThirdPartyServiceImpl::shown).toList();
        });
    }

    private Component thirdParty(Tx tx, Team t, String component) {
        Component c = ComponentServiceImpl.find(tx, t, component);
        if (c.sourceKind() != SourceKind.THIRD_PARTY) {
            throw ValidationException.of("component", "'" + component + "' is not a third-party component: it has no"
                    + " registration");
        }
        return c;
    }

    private Registration registration(Tx tx, Component c, String key) {
        ThirdPartyRows rows = new ThirdPartyRows(tx);
        ThirdPartyRows.Registration r = rows.registration(c.id()).orElseThrow();
        List<ThirdPartyEndpoint> endpoints = rows.endpoints(c.id()).stream().map(ThirdPartyServiceImpl::shown).toList();
        return new Registration(r.method(), readConfig(r.configJson()), readHealth(r.healthJson()), endpoints,
                Registration.status(endpoints), methods.byName(r.method()).isPresent(), key);
    }

    /** The host of a {@code host:port} address, an IPv6 address without its brackets. */
    static String host(String address) {
        return address.substring(0, address.lastIndexOf(':')).replace("[", "").replace("]", "");
    }

    /** The port of a {@code host:port} address. */
    static String port(String address) {
        return address.substring(address.lastIndexOf(':') + 1);
    }

    static ThirdPartyEndpoint shown(ThirdPartyRows.Endpoint e) {
        return new ThirdPartyEndpoint(e.address(), e.online(), e.healthy(), e.message(), e.updatedAt());
    }

    private RegistrationMethod method(String name) {
        if (name == null || name.isBlank()) {
            throw ValidationException.of("method", "is required: one of " + methodNames());
        }
        return methods.byName(name.strip()).orElseThrow(() -> ValidationException.of("method", "no registration"
                + " method '" + name + "' is installed: one of " + methodNames()));
    }

    private List<String> methodNames() {
        return methods.infos().stream().map(MethodInfo::name).toList();
    }

    private static Map<String, String> config(RegistrationMethod m, Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : new TreeMap<>(config);
        if (c.values().stream().anyMatch(v -> v == null || v.length() > 4000)) {
            throw ValidationException.of("config", "values are text of at most 4000 characters");
        }
        List<String> problems = m.validate(c);
        if (!problems.isEmpty()) {
            throw ValidationException.of("config", String.join("; ", problems)
                    + (m.usage().isEmpty() ? "" : " (" + m.usage() + ")"));
        }
        return c;
    }

    static HealthCheck health(HealthCheck h) {
        if (h == null) {
            return HealthCheck.DEFAULT;
        }
        String kind = h.kind() == null ? "tcp" : h.kind().strip().toLowerCase(Locale.ROOT);
        if (!List.of("tcp", "http", "none").contains(kind)) {
            throw ValidationException.of("health.kind", "is tcp, http or none, not '" + Names.shorten(kind) + "'");
        }
        String path = h.path() == null || h.path().isBlank() ? "/" : h.path().strip();
        if (!path.startsWith("/") || path.length() > 500 || path.chars().anyMatch(ch -> ch <= ' ')) {
            throw ValidationException.of("health.path", "must start with '/' and hold no spaces");
        }
        return new HealthCheck(kind, path, bounded("health.periodSeconds", h.periodSeconds(), 10, 1, 3600),
                bounded("health.timeoutSeconds", h.timeoutSeconds(), 3, 1, 60),
                bounded("health.failureThreshold", h.failureThreshold(), 3, 1, 100),
                bounded("health.successThreshold", h.successThreshold(), 1, 1, 100));
    }

    private static int bounded(String field, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        ComponentServiceImpl.bound(field, v, min, max);
        return v;
    }

    /** {@code host[:port]} as registered: the component's port when none is given; checked, never looked up. */
    static String address(String text, int defaultPort) {
        if (text == null || text.isBlank()) {
            throw ValidationException.of("ip", "is required: an address like 10.0.0.5 or 10.0.0.5:3306");
        }
        String s = text.strip();
        String host = s;
        int port = defaultPort;
        int colon = s.lastIndexOf(':');
        boolean bracketed = s.startsWith("[");
        boolean ipv6Bare = !bracketed && s.indexOf(':') != colon;
        if (colon > 0 && !ipv6Bare && (!bracketed || s.lastIndexOf(']') < colon)) {
            host = s.substring(0, colon);
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 1 || port > 65535) {
            throw ValidationException.of("ip", "'" + Names.shorten(s) + "' has no port between 1 and 65535");
        }
        if (!HOST.matcher(host).matches()) {
            throw ValidationException.of("ip", "'" + Names.shorten(s) + "' is not an IP address or host name");
        }
        host = host.replace("[", "").replace("]", "");
        return new RegistrationMethod.Endpoint(host, port, true).address();
    }

    static Map<String, String> readConfig(String json) {
        return StoredJson.read(json, MAP, "registration config");
    }

    static HealthCheck readHealth(String json) {
        return StoredJson.read(json, HealthCheck.class, "health check");
    }
}
