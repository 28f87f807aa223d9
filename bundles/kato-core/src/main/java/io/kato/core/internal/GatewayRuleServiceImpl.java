package io.kato.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.ValidationException;
import io.kato.api.model.GatewayRule;
import io.kato.api.model.Team;
import io.kato.api.service.GatewayRuleService;
import io.kato.store.ComponentRows;
import io.kato.store.GatewayRuleRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Custom gateway rules: validated, stored, and handed to the route table at once. */
@Component(service = GatewayRuleService.class)
public class GatewayRuleServiceImpl extends ServiceSupport implements GatewayRuleService {
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,999}");
    private static final int MAX_HEADERS = 8;
    private static final int MAX_BACKENDS = 10;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };
    private static final TypeReference<List<GatewayRule.Backend>> BACKENDS = new TypeReference<>() { };
    private final GatewayRoutes routes;

    @Activate
    public GatewayRuleServiceImpl(@Reference Store store, @Reference GatewayRoutes routes) {
        this(store, routes, Clock.systemUTC());
    }

    GatewayRuleServiceImpl(Store store, GatewayRoutes routes, Clock clock) {
        super(store, clock);
        this.routes = routes;
    }

    @Override
    public List<GatewayRule> list(Actor actor, String team) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.READ);
            return new GatewayRuleRows(tx).list(t.id()).stream().map(r -> shown(r, t.name())).toList();
        });
    }

    @Override
    public GatewayRule create(Actor actor, String team, RuleDraft draft) {
        if (draft == null) {
            throw ValidationException.of("body", "is required: {\"domain\": \"shop.example.org\", \"backends\":"
                    + " [{\"component\": \"web\", \"weight\": 100}]}");
        }
        String domain = domain(draft.domain());
        String prefix = prefix(draft.pathPrefix());
        Map<String, String> headers = headers(draft.headers());
        List<GatewayRule.Backend> backends = backends(draft.backends());
        GatewayRule created = tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            claim(tx, domain, t, routes.baseDomain());
            GatewayRuleRows rows = new GatewayRuleRows(tx);
            for (GatewayRuleRows.Row other : rows.byDomain(domain)) {
                if (other.pathPrefix().equals(prefix) && read(other.headersJson(), HEADERS).equals(headers)) {
                    throw new ConflictException("Rule " + other.id() + " already routes " + domain + prefix
                            + (headers.isEmpty() ? "" : " " + headers) + ": delete it first to replace it");
                }
            }
            ComponentRows components = new ComponentRows(tx);
            for (GatewayRule.Backend b : backends) {
                if (components.byName(t.id(), b.component()).isEmpty()) {
                    throw ValidationException.of("backends", "team '" + team + "' has no component '"
                            + b.component() + "'");
                }
            }
            GatewayRuleRows.Row row = new GatewayRuleRows.Row(Rows.newId(), t.id(), domain, prefix, write(headers),
                    write(backends), now());
            rows.insert(row);
            GatewayRule rule = shown(row, t.name());
            record(tx, actor, t.id(), "create", "gateway-rule", domain + prefix, null, rule);
            return rule;
        });
        routes.refreshQuietly();
        return created;
    }

    @Override
    public void delete(Actor actor, String team, String ruleId) {
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            GatewayRuleRows rows = new GatewayRuleRows(tx);
            GatewayRuleRows.Row row = rows.list(t.id()).stream().filter(r -> r.id().equals(ruleId)).findFirst()
                    .orElseThrow(() -> NotFoundException.of("gateway rule", ruleId));
            rows.delete(t.id(), ruleId);
            record(tx, actor, t.id(), "delete", "gateway-rule", row.domain() + row.pathPrefix(),
                    shown(row, t.name()), null);
            return null;
        });
        routes.refreshQuietly();
    }

    /**
     * Whether the team may route (or present a certificate for) the domain: no other team
     * holds a rule or a certificate on it; under the base domain a team's domains end in
     * {@code -<team>.<base>}, and none is another team's component's default domain (names
     * hold '-': team {@code b}'s {@code web-shop-b} is component {@code web} of team
     * {@code shop-b}). Rules and certificates both ask here, so one domain has one owner.
     */
    static void claim(io.kato.store.Tx tx, String domain, Team t, String baseDomain) {
        String base = "." + baseDomain;
        boolean underBase = domain.endsWith(base);
        if (underBase && !domain.endsWith("-" + t.name() + base)) {
            throw ValidationException.of("domain", "under " + baseDomain + " a team's domains end in '-"
                    + t.name() + base + "' (e.g. shop-" + t.name() + base + ")");
        }
        if (new io.kato.store.CertificateRows(tx).byDomain(domain).filter(c -> !c.teamId().equals(t.id()))
                .isPresent()) {
            throw new ConflictException("Domain '" + domain + "' belongs to another team: choose another");
        }
        if (new GatewayRuleRows(tx).byDomain(domain).stream().anyMatch(r -> !r.teamId().equals(t.id()))) {
            throw new ConflictException("Domain '" + domain + "' is routed by another team: choose another");
        }
        if (underBase) {
            String label = domain.substring(0, domain.length() - base.length());
            defaultDomainOwner(tx, label, t.id()).ifPresent(owner -> {
                throw new ConflictException("Domain '" + domain + "' is the default domain of " + owner
                        + ": choose another");
            });
        }
    }

    /**
     * Which other team's component has {@code <label>} as its default label
     * ({@code <component>-<team>}), if any: every split at a '-' is a candidate.
     */
    static java.util.Optional<String> defaultDomainOwner(io.kato.store.Tx tx, String label, String exceptTeamId) {
        TeamRows teams = new TeamRows(tx);
        ComponentRows components = new ComponentRows(tx);
        for (int i = label.indexOf('-'); i > 0; i = label.indexOf('-', i + 1)) {
            String component = label.substring(0, i);
            java.util.Optional<Team> team = teams.byName(label.substring(i + 1));
            if (team.isPresent() && !team.get().id().equals(exceptTeamId)
                    && components.byName(team.get().id(), component).isPresent()) {
                return java.util.Optional.of("component '" + component + "' of team '" + team.get().name() + "'");
            }
        }
        return java.util.Optional.empty();
    }

    /** The rules routing to a component, for its deletion (refused while any does). */
    static List<String> rulesUsing(io.kato.store.Tx tx, String teamId, String component) {
        List<String> using = new ArrayList<>();
        for (GatewayRuleRows.Row r : new GatewayRuleRows(tx).list(teamId)) {
            if (read(r.backendsJson(), BACKENDS).stream().anyMatch(b -> b.component().equals(component))) {
                using.add(r.domain() + r.pathPrefix() + " (" + r.id() + ")");
            }
        }
        return using;
    }

    static GatewayRule shown(GatewayRuleRows.Row r, String team) {
        return new GatewayRule(r.id(), team, r.domain(), r.pathPrefix(), read(r.headersJson(), HEADERS),
                read(r.backendsJson(), BACKENDS), r.createdAt());
    }

    /** Rules of every team, for the route table. */
    static List<GatewayRule> all(io.kato.store.Tx tx) {
        TeamRows teams = new TeamRows(tx);
        Map<String, String> names = new TreeMap<>();
        List<GatewayRule> rules = new ArrayList<>();
        for (GatewayRuleRows.Row r : new GatewayRuleRows(tx).all()) {
            String name = names.computeIfAbsent(r.teamId(), id -> teams.byId(id).map(Team::name).orElse(""));
            rules.add(shown(r, name));
        }
        return rules;
    }

    static String domain(String value) {
        String d = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(d).matches()) {
            throw ValidationException.of("domain", "must be a DNS name with at least two labels, like"
                    + " shop.example.org (letters, digits and '-', no scheme, port or path)");
        }
        return d;
    }

    private static String prefix(String value) {
        String p = value == null || value.isBlank() ? "/" : value.strip();
        if (!PATH.matcher(p).matches() || p.contains("//") || p.contains("/../") || p.endsWith("/..")) {
            throw ValidationException.of("pathPrefix", "must start with '/' and be a plain URL path, like /api");
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static Map<String, String> headers(Map<String, String> value) {
        Map<String, String> h = new TreeMap<>();
        if (value == null) {
            return h;
        }
        if (value.size() > MAX_HEADERS) {
            throw ValidationException.of("headers", "at most " + MAX_HEADERS + " headers to match");
        }
        for (var e : value.entrySet()) {
            if (e.getKey() == null || !HEADER_NAME.matcher(e.getKey()).matches()) {
                throw ValidationException.of("headers", "'" + e.getKey() + "' is not a header name");
            }
            String v = e.getValue() == null ? "" : e.getValue();
            if (v.length() > 256 || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw ValidationException.of("headers", "the value of " + e.getKey() + " must be printable and at"
                        + " most 256 characters");
            }
            h.put(e.getKey().toLowerCase(Locale.ROOT), v);
        }
        return h;
    }

    private static List<GatewayRule.Backend> backends(List<GatewayRule.Backend> value) {
        if (value == null || value.isEmpty() || value.size() > MAX_BACKENDS) {
            throw ValidationException.of("backends", "give 1 to " + MAX_BACKENDS + " components with weights:"
                    + " [{\"component\": \"web\", \"weight\": 90}, {\"component\": \"web-next\", \"weight\": 10}]");
        }
        int total = 0;
        List<String> seen = new ArrayList<>();
        for (GatewayRule.Backend b : value) {
            if (b == null || b.component() == null || seen.contains(b.component())) {
                throw ValidationException.of("backends", "each backend names a different component");
            }
            if (b.weight() < 0 || b.weight() > 100) {
                throw ValidationException.of("backends", "weights are 0 to 100 (" + b.component() + " has "
                        + b.weight() + ")");
            }
            seen.add(b.component());
            total += b.weight();
        }
        if (total == 0) {
            throw ValidationException.of("backends", "at least one weight must be above 0");
        }
        return List.copyOf(value);
    }

    private static String write(Object value) {
        try {
            return SourceCheckServiceImpl.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return SourceCheckServiceImpl.JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored gateway rule is unreadable", e);
        }
    }
}
