package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.ForbiddenException;
import io.kato.api.NotFoundException;
import io.kato.api.PageRequest;
import io.kato.api.PreconditionFailedException;
import io.kato.api.ValidationException;
import io.kato.api.model.App;
import io.kato.api.model.AuditRecord;
import io.kato.api.model.Component;
import io.kato.api.model.ComponentState;
import io.kato.api.model.DeployType;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.Role;
import io.kato.api.model.SourceKind;
import io.kato.api.model.Team;
import io.kato.api.service.AccessService.UserDraft;
import io.kato.api.service.AppService.AppChanges;
import io.kato.api.service.AppService.AppDraft;
import io.kato.api.service.ComponentService.ComponentChanges;
import io.kato.api.service.ComponentService.ComponentDraft;
import io.kato.api.service.TeamService.TeamChanges;
import io.kato.api.service.TeamService.TeamDraft;
import io.kato.store.Store;
import io.kato.store.internal.TestStores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Team, app, component, event and access services together on a real (in-memory Derby) store. */
class ServicesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");
    private static final String PLAIN = "hunter2-very-secret-value";
    private static final String TEAM = "shop";

    private Store store;
    private SecretCipher cipher;
    private Secrets secrets;
    private TeamServiceImpl teams;
    private AppServiceImpl apps;
    private ComponentServiceImpl components;
    private EventServiceImpl events;
    private AccessServiceImpl access;
    private final Actor admin = new Actor("root", null, true, Map.of(), "req-admin");

    @BeforeEach
    void setUp() {
        store = TestStores.newDerbyStore();
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        cipher = new SecretCipher(SecretCipherTest.randomKey());
        secrets = new Secrets(cipher);
        teams = new TeamServiceImpl(store, clock);
        apps = new AppServiceImpl(store, clock);
        components = new ComponentServiceImpl(store, secrets, new Runtimes("local"), clock);
        events = new EventServiceImpl(store);
        access = new AccessServiceImpl(store, clock);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Team shop() {
        return teams.create(admin, new TeamDraft(TEAM, "The Shop", null));
    }

    private App web() {
        return apps.create(admin, TEAM, new AppDraft("web", "Web", "The web shop"));
    }

    private static ComponentDraft draft(String name, String app, List<Port> ports, List<EnvVar> env) {
        return new ComponentDraft(name, app, null, null, null, null, null, ports, env, null, null);
    }

    private Component api(List<EnvVar> env) {
        return components.create(admin, TEAM, draft("api", "web", List.of(new Port(8080, null, null, true, false)), env));
    }

    /** A real user with the given role in the team (null: no role), as authentication makes it. */
    private Actor user(String name, String team, Role role) {
        access.createUser(admin, new UserDraft(name, null, false));
        if (role != null) {
            teams.setMember(admin, team, name, role);
        }
        return access.authenticate(access.issueToken(admin, name, "test", null).token());
    }

    private long rows(String table) {
        return store.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM " + table));
    }

    private Map<String, Long> allRowCounts() {
        return List.of("teams", "apps", "components", "component_ports", "component_env", "events", "audit_records",
                        "team_members", "users").stream()
                .collect(Collectors.toMap(t -> t, this::rows));
    }

    private String rawEnvValue(String componentId, String name) {
        return store.inTransaction(tx -> tx.one("SELECT value FROM component_env WHERE component_id = ? AND name = ?",
                rs -> rs.getString(1), componentId, name)).orElseThrow();
    }

    private static ValidationException invalid(String field, Executable call) {
        ValidationException e = assertThrows(ValidationException.class, call);
        assertTrue(e.errors().stream().anyMatch(err -> err.field().equals(field)),
                "expected an error on '" + field + "' but got " + e.errors());
        return e;
    }

    private void assertWritesNothing(Class<? extends Throwable> expected, Executable call) {
        Map<String, Long> before = allRowCounts();
        assertThrows(expected, call);
        assertEquals(before, allRowCounts(), "a rejected call must not write anything");
    }

    private static void assertMasked(Component c) {
        for (EnvVar e : c.env()) {
            if (e.secret()) {
                assertEquals(EnvVar.MASK, e.value(), "secret " + e.name() + " leaked from " + c.name());
            }
        }
    }

    // ---- CRUD ---------------------------------------------------------------------------------

    @Test
    void teamCrudRoundTrip() {
        Team created = shop();
        assertEquals(TEAM, created.name());
        assertEquals("The Shop", created.displayName());
        assertEquals("DEV", created.environment(), "environment defaults to DEV");
        assertEquals(1, created.version());
        assertEquals(T0, created.createdAt());
        assertEquals(created, teams.get(admin, TEAM));
        assertEquals(List.of(created), teams.list(admin, PageRequest.first()).items());

        Team updated = teams.update(admin, TEAM, new TeamChanges("Shop 2", "PROD"), 1L);
        assertEquals(2, updated.version());
        assertEquals("PROD", updated.environment());
        assertEquals(updated, teams.get(admin, TEAM));

        Team unchanged = teams.update(admin, TEAM, new TeamChanges(null, null), null);
        assertEquals("Shop 2", unchanged.displayName(), "null leaves a field as it is");
        assertEquals(3, unchanged.version());

        teams.delete(admin, TEAM, 3L);
        assertThrows(NotFoundException.class, () -> teams.get(admin, TEAM));
        assertEquals(0, teams.list(admin, PageRequest.first()).total());
    }

    @Test
    void appCrudRoundTrip() {
        Team team = shop();
        App created = web();
        assertEquals(team.id(), created.teamId());
        assertEquals("The web shop", created.description());
        assertEquals(1, created.version());
        assertEquals(created, apps.get(admin, TEAM, "web"));
        assertEquals(List.of(created), apps.list(admin, TEAM, PageRequest.first()).items());

        App updated = apps.update(admin, TEAM, "web", new AppChanges("Web 2", ""), 1L);
        assertEquals("Web 2", updated.displayName());
        assertEquals("", updated.description(), "an empty description clears it");
        assertEquals(2, updated.version());
        assertEquals(updated, apps.get(admin, TEAM, "web"));

        apps.delete(admin, TEAM, "web", 2L);
        assertThrows(NotFoundException.class, () -> apps.get(admin, TEAM, "web"));
        assertEquals(0, apps.list(admin, TEAM, PageRequest.first()).total());
    }

    @Test
    void componentCrudRoundTripWithDefaults() {
        shop();
        App app = web();
        Component created = components.create(admin, TEAM, draft("api", "web",
                List.of(new Port(8080, null, null, true, false)),
                List.of(new EnvVar("MODE", "prod", null, false))));
        assertEquals(app.id(), created.appId());
        assertEquals("web", created.appName());
        assertEquals("api", created.displayName());
        assertEquals(SourceKind.SOURCE, created.sourceKind());
        assertEquals(1, created.instances());
        assertEquals(512, created.memoryMb());
        assertEquals(DeployType.STATELESS_MULTIPLE, created.deployType());
        assertFalse(created.desiredRunning());
        assertEquals(List.of(new Port(8080, Protocol.HTTP, "API", true, false)), created.ports());
        assertEquals(List.of(new EnvVar("MODE", "prod", EnvScope.RUNTIME, false)), created.env());
        assertEquals(1, created.version());
        assertEquals(created, components.get(admin, TEAM, "api"));
        assertEquals(List.of(created), components.list(admin, TEAM, PageRequest.first()).items());

        Component scaled = components.update(admin, TEAM, "api",
                new ComponentChanges("API", 3, 1024, DeployType.STATEFUL_SINGLE), 1L);
        assertEquals(3, scaled.instances());
        assertEquals(1024, scaled.memoryMb());
        assertEquals(DeployType.STATEFUL_SINGLE, scaled.deployType());
        assertEquals(2, scaled.version());
        assertEquals(created.ports(), scaled.ports(), "ports survive an update");
        assertEquals(created.env(), scaled.env(), "env survives an update");

        Component withPort = components.putPort(admin, TEAM, "api", new Port(9090, Protocol.GRPC, "ADMIN", false, false), 2L);
        assertEquals(List.of(8080, 9090), withPort.ports().stream().map(Port::port).toList());
        assertEquals(3, withPort.version());
        Component withoutPort = components.removePort(admin, TEAM, "api", 8080, 3L);
        assertEquals(List.of(9090), withoutPort.ports().stream().map(Port::port).toList());
        Component withEnv = components.putEnv(admin, TEAM, "api", new EnvVar("MODE", "test", EnvScope.BUILD, false), 4L);
        assertEquals(List.of(new EnvVar("MODE", "test", EnvScope.BUILD, false)), withEnv.env(), "same name replaces");
        Component withoutEnv = components.removeEnv(admin, TEAM, "api", "MODE", 5L);
        assertEquals(List.of(), withoutEnv.env());
        assertEquals(6, withoutEnv.version());
        assertEquals(withoutEnv, components.get(admin, TEAM, "api"));

        assertThrows(NotFoundException.class, () -> components.removeEnv(admin, TEAM, "api", "MODE", null));
        assertThrows(NotFoundException.class, () -> components.removePort(admin, TEAM, "api", 8080, null));

        components.delete(admin, TEAM, "api", 6L);
        assertThrows(NotFoundException.class, () -> components.get(admin, TEAM, "api"));
        assertEquals(0, rows("component_ports"));
        assertEquals(0, rows("component_env"));
    }

    @Test
    void aNewComponentIsUndeployed() {
        shop();
        web();
        api(List.of());
        assertEquals(ComponentState.UNDEPLOYED, components.state(admin, TEAM, "api"));
    }

    // ---- validation ---------------------------------------------------------------------------

    @Test
    void namesThatAreNotDns1123LabelsAreRejectedNamingTheFieldAndWriteNothing() {
        assertWritesNothing(ValidationException.class, () -> teams.create(admin, new TeamDraft("Shop_1", null, null)));
        invalid("name", () -> teams.create(admin, new TeamDraft("Shop_1", null, null)));
        invalid("name", () -> teams.create(admin, new TeamDraft("", null, null)));
        invalid("name", () -> teams.create(admin, new TeamDraft(null, null, null)));
        invalid("environment", () -> teams.create(admin, new TeamDraft("ok", null, "dev")));
        assertEquals(0, rows("teams"));

        shop();
        assertWritesNothing(ValidationException.class, () -> apps.create(admin, TEAM, new AppDraft("-web", null, null)));
        invalid("name", () -> apps.create(admin, TEAM, new AppDraft("web-", null, null)));
        invalid("name", () -> apps.create(admin, TEAM, new AppDraft("a".repeat(64), null, null)));
        invalid("displayName", () -> apps.create(admin, TEAM, new AppDraft("web", "x".repeat(201), null)));
        assertEquals(0, rows("apps"));

        web();
        assertWritesNothing(ValidationException.class,
                () -> components.create(admin, TEAM, draft("API", "web", null, null)));
        invalid("name", () -> components.create(admin, TEAM, draft("api.v1", "web", null, null)));
        invalid("app", () -> components.create(admin, TEAM, draft("api", " ", null, null)));
        invalid("env[1].name", () -> components.create(admin, TEAM, draft("api", "web", null,
                List.of(new EnvVar("OK", "1", null, false), new EnvVar("1BAD", "2", null, false)))));
        invalid("ports[1].port", () -> components.create(admin, TEAM, draft("api", "web",
                List.of(new Port(80, null, null, true, false), new Port(80, null, null, true, false)), null)));
        invalid("ports[0].port", () -> components.create(admin, TEAM, draft("api", "web",
                List.of(new Port(70000, null, null, true, false)), null)));
        invalid("instances", () -> components.create(admin, TEAM,
                new ComponentDraft("api", "web", null, null, 101, null, null, null, null, null, null)));
        invalid("memoryMb", () -> components.create(admin, TEAM,
                new ComponentDraft("api", "web", null, null, null, 8, null, null, null, null, null)));
        assertWritesNothing(NotFoundException.class,
                () -> components.create(admin, TEAM, draft("api", "no-such-app", null, null)));
        assertEquals(0, rows("components"));
    }

    @Test
    void anInvalidChangeLeavesTheComponentAsItWas() {
        shop();
        web();
        Component c = api(List.of());
        assertWritesNothing(ValidationException.class, () -> components.update(admin, TEAM, "api",
                new ComponentChanges(null, -1, null, null), 1L));
        invalid("instances", () -> components.update(admin, TEAM, "api", new ComponentChanges(null, -1, null, null), 1L));
        invalid("env.name", () -> components.putEnv(admin, TEAM, "api", new EnvVar("A-B", "x", null, false), 1L));
        assertEquals(c, components.get(admin, TEAM, "api"));
    }

    // ---- conflicts and versions ---------------------------------------------------------------

    @Test
    void duplicateNamesAreConflicts() {
        shop();
        web();
        api(List.of());
        assertWritesNothing(ConflictException.class, () -> teams.create(admin, new TeamDraft(TEAM, null, null)));
        assertWritesNothing(ConflictException.class, () -> apps.create(admin, TEAM, new AppDraft("web", null, null)));
        apps.create(admin, TEAM, new AppDraft("admin", null, null));
        assertWritesNothing(ConflictException.class,
                () -> components.create(admin, TEAM, draft("api", "admin", null, null)));
        access.createUser(admin, new UserDraft("alice", null, false));
        assertWritesNothing(ConflictException.class, () -> access.createUser(admin, new UserDraft("alice", null, true)));

        // The same names in another team are fine.
        teams.create(admin, new TeamDraft("other", null, null));
        apps.create(admin, "other", new AppDraft("web", null, null));
        assertEquals("api", components.create(admin, "other", draft("api", "web", null, null)).name());
    }

    @Test
    void aStaleExpectedVersionFailsAndChangesNothing() {
        shop();
        web();
        api(List.of(new EnvVar("MODE", "prod", null, false)));
        teams.update(admin, TEAM, new TeamChanges("v2", null), 1L);

        Map<String, Long> before = allRowCounts();
        Team team = teams.get(admin, TEAM);
        App app = apps.get(admin, TEAM, "web");
        Component component = components.get(admin, TEAM, "api");

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                () -> teams.update(admin, TEAM, new TeamChanges("v3", null), 1L));
        assertEquals(2, e.currentVersion());
        assertThrows(PreconditionFailedException.class, () -> teams.delete(admin, TEAM, 1L));
        assertThrows(PreconditionFailedException.class,
                () -> apps.update(admin, TEAM, "web", new AppChanges("x", null), 7L));
        assertThrows(PreconditionFailedException.class, () -> apps.delete(admin, TEAM, "web", 0L));
        assertThrows(PreconditionFailedException.class,
                () -> components.update(admin, TEAM, "api", new ComponentChanges(null, 4, null, null), 2L));
        assertThrows(PreconditionFailedException.class,
                () -> components.putEnv(admin, TEAM, "api", new EnvVar("MODE", "test", null, false), 2L));
        assertThrows(PreconditionFailedException.class,
                () -> components.putPort(admin, TEAM, "api", new Port(9000, null, null, true, false), 2L));
        assertThrows(PreconditionFailedException.class, () -> components.delete(admin, TEAM, "api", 2L));

        assertEquals(before, allRowCounts(), "no event, no audit record, no row");
        assertEquals(team, teams.get(admin, TEAM));
        assertEquals(app, apps.get(admin, TEAM, "web"));
        assertEquals(component, components.get(admin, TEAM, "api"));
    }

    @Test
    void aTeamWithAppsCannotBeDeleted() {
        shop();
        web();
        ConflictException e = assertThrows(ConflictException.class, () -> teams.delete(admin, TEAM, null));
        assertTrue(e.getMessage().contains(TEAM), e.getMessage());
        assertEquals(TEAM, teams.get(admin, TEAM).name());
        apps.delete(admin, TEAM, "web", null);
        teams.delete(admin, TEAM, null);
        assertThrows(NotFoundException.class, () -> teams.get(admin, TEAM));
    }

    @Test
    void anAppWithComponentsCannotBeDeleted() {
        shop();
        web();
        api(List.of());
        assertWritesNothing(ConflictException.class, () -> apps.delete(admin, TEAM, "web", null));
        assertEquals("web", apps.get(admin, TEAM, "web").name());
    }

    // ---- roles and visibility -----------------------------------------------------------------

    @Test
    void aViewerCanReadButNotWrite() {
        shop();
        web();
        api(List.of());
        Actor viewer = user("vic", TEAM, Role.VIEWER);
        assertEquals(Role.VIEWER, viewer.roleIn(teams.get(admin, TEAM).id()).orElseThrow());

        assertEquals(TEAM, teams.get(viewer, TEAM).name());
        assertEquals(1, teams.list(viewer, PageRequest.first()).total());
        assertEquals(1, apps.list(viewer, TEAM, PageRequest.first()).items().size());
        assertEquals("api", components.get(viewer, TEAM, "api").name());
        assertEquals(1, events.list(viewer, TEAM, PageRequest.first()).items().stream()
                .filter(ev -> ev.targetKind().equals("component")).count());

        assertWritesNothing(ForbiddenException.class, () -> apps.create(viewer, TEAM, new AppDraft("blog", null, null)));
        assertWritesNothing(ForbiddenException.class,
                () -> apps.update(viewer, TEAM, "web", new AppChanges("x", null), null));
        assertWritesNothing(ForbiddenException.class, () -> apps.delete(viewer, TEAM, "web", null));
        assertWritesNothing(ForbiddenException.class,
                () -> components.create(viewer, TEAM, draft("worker", "web", null, null)));
        assertWritesNothing(ForbiddenException.class,
                () -> components.putEnv(viewer, TEAM, "api", new EnvVar("A", "1", null, false), null));
        assertWritesNothing(ForbiddenException.class, () -> components.delete(viewer, TEAM, "api", null));
        assertWritesNothing(ForbiddenException.class,
                () -> teams.update(viewer, TEAM, new TeamChanges("x", null), null));
        assertWritesNothing(ForbiddenException.class, () -> teams.setMember(viewer, TEAM, "vic", Role.ADMIN));
        assertWritesNothing(ForbiddenException.class, () -> teams.create(viewer, new TeamDraft("mine", null, null)));
        assertThrows(ForbiddenException.class, () -> events.audit(viewer, TEAM, PageRequest.first()));
    }

    @Test
    void aDeveloperWritesAppsButCannotManageTheTeam() {
        shop();
        Actor dev = user("dora", TEAM, Role.DEVELOPER);
        assertEquals("blog", apps.create(dev, TEAM, new AppDraft("blog", null, null)).name());
        assertWritesNothing(ForbiddenException.class, () -> teams.update(dev, TEAM, new TeamChanges("x", null), null));
        assertWritesNothing(ForbiddenException.class, () -> teams.removeMember(dev, TEAM, "dora"));
    }

    @Test
    void aTeamWithoutARoleLooksExactlyLikeAMissingTeam() {
        shop();
        web();
        teams.create(admin, new TeamDraft("blog", null, null));
        Actor nina = user("nina", "blog", Role.ADMIN);

        NotFoundException hidden = assertThrows(NotFoundException.class, () -> teams.get(nina, TEAM));
        NotFoundException missing = assertThrows(NotFoundException.class, () -> teams.get(nina, "nope"));
        assertEquals(missing.getMessage().replace("nope", "X"), hidden.getMessage().replace(TEAM, "X"));

        assertThrows(NotFoundException.class, () -> apps.list(nina, TEAM, PageRequest.first()));
        assertThrows(NotFoundException.class, () -> apps.get(nina, TEAM, "web"));
        assertThrows(NotFoundException.class, () -> components.list(nina, TEAM, PageRequest.first()));
        assertThrows(NotFoundException.class, () -> events.list(nina, TEAM, PageRequest.first()));
        assertWritesNothing(NotFoundException.class, () -> apps.create(nina, TEAM, new AppDraft("x", null, null)));
        assertWritesNothing(NotFoundException.class, () -> teams.delete(nina, TEAM, null));

        var visible = teams.list(nina, PageRequest.first());
        assertEquals(List.of("blog"), visible.items().stream().map(Team::name).toList());
        assertEquals(1, visible.total());
        assertEquals(2, teams.list(admin, PageRequest.first()).total());
    }

    @Test
    void aUserWithNoTeamAtAllSeesNoTeams() {
        shop();
        Actor loner = user("lone", TEAM, null);
        assertEquals(0, teams.list(loner, PageRequest.first()).total());
        assertEquals(List.of(), teams.list(loner, PageRequest.first()).items());
        assertThrows(NotFoundException.class, () -> teams.get(loner, TEAM));
    }

    // ---- secrets ------------------------------------------------------------------------------

    @Test
    void secretEnvVarsAreMaskedInEveryReturnedComponent() {
        shop();
        web();
        Component created = api(List.of(new EnvVar("DB_PASSWORD", PLAIN, null, true),
                new EnvVar("MODE", "prod", null, false)));
        assertMasked(created);
        assertEquals("prod", created.env().stream().filter(e -> e.name().equals("MODE")).findFirst()
                .orElseThrow().value(), "plain variables are shown as they are");
        assertMasked(components.get(admin, TEAM, "api"));
        components.list(admin, TEAM, PageRequest.first()).items().forEach(ServicesTest::assertMasked);
        assertMasked(components.update(admin, TEAM, "api", new ComponentChanges(null, 2, null, null), null));
        assertMasked(components.putPort(admin, TEAM, "api", new Port(9000, null, null, true, false), null));
        assertMasked(components.removePort(admin, TEAM, "api", 9000, null));
        Component second = components.putEnv(admin, TEAM, "api", new EnvVar("TOKEN", PLAIN + "-2", null, true), null);
        assertMasked(second);
        assertEquals(3, second.env().size());
        assertMasked(components.removeEnv(admin, TEAM, "api", "MODE", null));
        assertMasked(components.get(admin, TEAM, "api"));
    }

    @Test
    void secretEnvVarsAreStoredEncryptedAndStayDecryptableAcrossChanges() {
        shop();
        web();
        Component c = api(List.of(new EnvVar("DB_PASSWORD", PLAIN, null, true)));
        String raw = rawEnvValue(c.id(), "DB_PASSWORD");
        assertTrue(raw.startsWith("enc:v1:"), raw);
        assertFalse(raw.contains(PLAIN));
        assertEquals(PLAIN, secrets.open(new EnvVar("DB_PASSWORD", raw, EnvScope.RUNTIME, true)));

        // Unrelated changes rewrite the env rows: the sealed value must survive, not be masked or re-sealed.
        components.update(admin, TEAM, "api", new ComponentChanges("API", null, null, null), null);
        components.putEnv(admin, TEAM, "api", new EnvVar("MODE", "prod", null, false), null);
        components.putPort(admin, TEAM, "api", new Port(9000, null, null, true, false), null);
        String after = rawEnvValue(c.id(), "DB_PASSWORD");
        assertEquals(PLAIN, cipher.decrypt(after));
        assertEquals("prod", rawEnvValue(c.id(), "MODE"), "plain variables are stored as they are");

        components.putEnv(admin, TEAM, "api", new EnvVar("DB_PASSWORD", "rotated", null, true), null);
        String rotated = rawEnvValue(c.id(), "DB_PASSWORD");
        assertTrue(rotated.startsWith(SecretCipher.PREFIX));
        assertEquals("rotated", cipher.decrypt(rotated));
    }

    // ---- events and audit ---------------------------------------------------------------------

    @Test
    void everyMutationLeavesASucceededEventAndAnAuditRecordWithoutSecrets() {
        shop();
        teams.update(admin, TEAM, new TeamChanges("Shop 2", null), null);
        web();
        apps.update(admin, TEAM, "web", new AppChanges(null, "new"), null);
        api(List.of(new EnvVar("DB_PASSWORD", PLAIN, null, true)));
        components.update(admin, TEAM, "api", new ComponentChanges(null, 2, null, null), null);
        components.putEnv(admin, TEAM, "api", new EnvVar("TOKEN", PLAIN + "-2", null, true), null);
        components.putPort(admin, TEAM, "api", new Port(9000, null, null, true, false), null);
        components.removePort(admin, TEAM, "api", 9000, null);
        components.removeEnv(admin, TEAM, "api", "TOKEN", null);
        components.delete(admin, TEAM, "api", null);
        apps.delete(admin, TEAM, "web", null);
        access.createUser(admin, new UserDraft("vic", null, false));
        teams.setMember(admin, TEAM, "vic", Role.VIEWER);
        teams.removeMember(admin, TEAM, "vic");

        List<String> expected = List.of("create team/shop", "update team/shop", "create app/web", "update app/web",
                "create component/api", "update component/api", "put-env component/api", "put-port component/api",
                "remove-port component/api", "remove-env component/api", "delete component/api", "delete app/web",
                "set-member team/shop", "remove-member team/shop");

        List<Event> log = events.list(admin, TEAM, PageRequest.all()).items();
        assertEquals(sorted(expected), sorted(log.stream()
                .map(e -> e.operation() + " " + e.targetKind() + "/" + e.targetName()).toList()));
        for (Event e : log) {
            assertEquals(EventStatus.SUCCEEDED, e.status());
            assertEquals("root", e.actor());
            assertEquals(T0, e.startedAt());
            assertEquals(T0, e.finishedAt());
            assertFalse(e.message().contains(PLAIN));
            assertEquals(e, events.get(admin, TEAM, e.id()));
        }

        List<AuditRecord> audit = events.audit(admin, TEAM, PageRequest.all()).items();
        assertEquals(sorted(expected), sorted(audit.stream().map(a -> a.action() + " " + a.target()).toList()));
        for (AuditRecord a : audit) {
            assertEquals("root", a.actor());
            assertEquals("req-admin", a.requestId());
            assertFalse(String.valueOf(a.before()).contains(PLAIN), a.before());
            assertFalse(String.valueOf(a.after()).contains(PLAIN), a.after());
        }
        AuditRecord created = audit.stream().filter(a -> a.action().equals("create") && a.target().equals("component/api"))
                .findFirst().orElseThrow();
        assertNull(created.before());
        assertTrue(created.after().contains("\"name\":\"DB_PASSWORD\",\"value\":\"********\""), created.after());
        AuditRecord deleted = audit.stream().filter(a -> a.action().equals("delete") && a.target().equals("component/api"))
                .findFirst().orElseThrow();
        assertNull(deleted.after());
        assertTrue(deleted.before().contains("\"value\":\"********\""), deleted.before());
        AuditRecord putEnv = audit.stream().filter(a -> a.action().equals("put-env")).findFirst().orElseThrow();
        assertTrue(putEnv.after().contains("\"name\":\"TOKEN\""), putEnv.after());
    }

    @Test
    void theEventLogOfAnEventWithoutOneIsEmpty() {
        shop();
        Event created = events.list(admin, TEAM, PageRequest.first()).items().get(0);
        assertEquals("", events.log(admin, TEAM, created.id()));
        assertThrows(NotFoundException.class, () -> events.get(admin, TEAM, "no-such-event"));
    }

    @Test
    void anEventOfAnotherTeamCannotBeReadThroughOnesOwnTeam() {
        shop();
        teams.create(admin, new TeamDraft("blog", null, null));
        Actor nina = user("nina", "blog", Role.ADMIN);
        Event foreign = events.list(admin, TEAM, PageRequest.first()).items().get(0);
        assertThrows(NotFoundException.class, () -> events.get(nina, "blog", foreign.id()));
        assertThrows(NotFoundException.class, () -> events.log(nina, "blog", foreign.id()));
        assertTrue(events.audit(nina, "blog", PageRequest.all()).items().stream()
                .noneMatch(a -> a.target().equals("team/" + TEAM)));
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }
}
