package io.kato.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.model.App;
import io.kato.api.model.Component;
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
import io.kato.api.model.User;
import io.kato.store.AppRows;
import io.kato.store.BuildRows;
import io.kato.store.ComponentRows;
import io.kato.store.CredentialRows;
import io.kato.store.DuplicateKeyException;
import io.kato.store.EventRows;
import io.kato.store.JobRows;
import io.kato.store.KnownHostRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import io.kato.store.UserRows;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every database Kato supports must do. Subclasses give the database; the same
 * assertions run on Derby and on PostgreSQL.
 */
abstract class StoreContract {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    abstract JdbcStore store();

    String unique(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }

    static boolean bool(Store store, Store.Work<Boolean> work) {
        return store.inTransaction(work);
    }

    Team team(Store store) {
        Team t = new Team(Rows.newId(), unique("t"), "Shop", "DEV", 1, NOW, NOW);
        store.inTransaction(tx -> {
            new TeamRows(tx).insert(t);
            return null;
        });
        return t;
    }

    @Test
    void migrationsAreAppliedOnceAndRecorded() {
        assertEquals(0, new Migrator(store()).migrate(), "a second run applies nothing");
        long applied = store().inTransaction(tx -> tx.count("SELECT COUNT(*) FROM kato_schema"));
        assertEquals(Migrator.SCRIPTS.size(), applied);
    }

    @Test
    void teamRoundTripAndCompareAndSet() {
        JdbcStore store = store();
        Team t = team(store);
        Team read = store.inTransaction(tx -> new TeamRows(tx).byName(t.name())).orElseThrow();
        assertEquals(t, read);

        Team renamed = new Team(t.id(), t.name(), "Shop 2", "PROD", 2, t.createdAt(), NOW.plusSeconds(1));
        assertTrue(bool(store, tx -> new TeamRows(tx).update(renamed, 1)));
        assertFalse(bool(store, tx -> new TeamRows(tx).update(renamed, 1)), "stale version must lose");
        assertEquals("PROD", store.inTransaction(tx -> new TeamRows(tx).byId(t.id())).orElseThrow().environment());
    }

    @Test
    void duplicateNamesAreReportedAsSuch() {
        JdbcStore store = store();
        Team t = team(store);
        Team twin = new Team(Rows.newId(), t.name(), "x", "DEV", 1, NOW, NOW);
        assertThrows(DuplicateKeyException.class, () -> store.inTransaction(tx -> {
            new TeamRows(tx).insert(twin);
            return null;
        }));
    }

    @Test
    void oneKnownKeyPerHostAndTeamDeletionTakesItsOwnRowsAlong() {
        JdbcStore store = store();
        Team t = team(store);
        KnownHostRows.Row row = new KnownHostRows.Row(t.id(), "git.example.org:2222", "ssh-ed25519", "AAAA", false, NOW);
        store.inTransaction(tx -> {
            new KnownHostRows(tx).insert(row);
            new CredentialRows(tx).insert(new CredentialRows.Row(Rows.newId(), t.id(), "deploy", "ssh", null,
                    "sealed", "ssh-rsa AAAA", NOW));
            return null;
        });
        assertEquals(row, store.inTransaction(tx -> new KnownHostRows(tx).byHost(t.id(), row.host())).orElseThrow());
        KnownHostRows.Row other = new KnownHostRows.Row(t.id(), row.host(), "ssh-rsa", "BBBB", true, NOW);
        assertThrows(DuplicateKeyException.class, () -> store.inTransaction(tx -> {
            new KnownHostRows(tx).insert(other);
            return null;
        }), "a host has one trusted key: a racing first use must lose");

        assertTrue(bool(store, tx -> new TeamRows(tx).delete(t.id(), t.version())));
        assertTrue(bool(store, tx -> new KnownHostRows(tx).list(t.id()).isEmpty()));
        assertTrue(bool(store, tx -> new CredentialRows(tx).list(t.id()).isEmpty()));
    }

    @Test
    void failedTransactionLeavesNothingBehind() {
        JdbcStore store = store();
        String name = unique("half");
        assertThrows(IllegalStateException.class, () -> store.inTransaction(tx -> {
            new TeamRows(tx).insert(new Team(Rows.newId(), name, "x", "DEV", 1, NOW, NOW));
            throw new IllegalStateException("boom");
        }));
        assertTrue(bool(store, tx -> new TeamRows(tx).byName(name).isEmpty()));
    }

    @Test
    void componentKeepsPortsAndEnvAcrossUpdates() {
        JdbcStore store = store();
        Team t = team(store);
        App app = new App(Rows.newId(), t.id(), "web", "Web", "", 1, NOW, NOW);
        Component c = new Component(Rows.newId(), t.id(), app.id(), "web", "api", "API", SourceKind.SOURCE, null,
                new io.kato.api.model.ComponentSource("git", "https://example.org/r.git", "main", null, "c1"), 2,
                256, DeployType.STATELESS_MULTIPLE, false,
                List.of(new Port(8080, Protocol.HTTP, "API", true, true)),
                List.of(new EnvVar("A", "1", EnvScope.RUNTIME, false), new EnvVar("B", "x".repeat(40_000),
                        EnvScope.BUILD, true)), 1, NOW, NOW);
        store.inTransaction(tx -> {
            new AppRows(tx).insert(app);
            new ComponentRows(tx).insert(c);
            return null;
        });
        Component read = store.inTransaction(tx -> new ComponentRows(tx).byName(t.id(), "api")).orElseThrow();
        assertEquals(c, read, "long env values survive (CLOB/TEXT)");

        Component changed = new Component(c.id(), c.teamId(), c.appId(), "web", "api", "API", SourceKind.SOURCE, "go", c.source(),
                3, 256, DeployType.STATEFUL_SINGLE, true, List.of(), List.of(c.env().get(0)), 2, NOW, NOW);
        assertTrue(bool(store, tx -> new ComponentRows(tx).update(changed, 1)));
        assertEquals(changed, store.inTransaction(tx -> new ComponentRows(tx).byId(c.id())).orElseThrow());
        assertEquals(1, store.inTransaction(tx -> new ComponentRows(tx).list(t.id(), 0, 10)).size());
    }

    @Test
    void aReleaseNamesOneVersionAndIsReplacedNotAdded() {
        JdbcStore store = store();
        Team t = team(store);
        App app = new App(Rows.newId(), t.id(), "web", "Web", "", 1, NOW, NOW);
        Component c = new Component(Rows.newId(), t.id(), app.id(), "web", "api", "API", SourceKind.SOURCE, null,
                null, 1, 256, DeployType.STATELESS_MULTIPLE, false, List.of(), List.of(), 1, NOW, NOW);
        String build = Rows.newId();
        String v1 = Rows.newId();
        String v2 = Rows.newId();
        store.inTransaction(tx -> {
            new AppRows(tx).insert(app);
            new ComponentRows(tx).insert(c);
            BuildRows rows = new BuildRows(tx);
            rows.insertBuild(new BuildRows.Build(build, c.id(), "succeeded", null, NOW, NOW));
            rows.insertVersion(new BuildRows.VersionRow(v1, c.id(), 1, build, "static", "/a/1", null, null, null, null,
                    null, NOW));
            rows.insertVersion(new BuildRows.VersionRow(v2, c.id(), 2, build, "static", "/a/2", null, null, null, null,
                    null, NOW));
            return null;
        });
        assertTrue(store.inTransaction(tx -> new BuildRows(tx).release(c.id())).isEmpty());
        store.inTransaction(tx -> {
            new BuildRows(tx).putRelease(new BuildRows.Release(c.id(), v2, 1, NOW));
            new BuildRows(tx).putRelease(new BuildRows.Release(c.id(), v1, 5_000_000_000L, NOW));
            return null;
        });
        BuildRows.Release r = store.inTransaction(tx -> new BuildRows(tx).release(c.id())).orElseThrow();
        assertEquals(new BuildRows.Release(c.id(), v1, 5_000_000_000L, NOW), r);
        assertEquals(v2, store.inTransaction(tx -> new BuildRows(tx).version(c.id(), 2)).orElseThrow().id());
        store.inTransaction(tx -> {
            new BuildRows(tx).deleteFor(c.id());
            return null;
        });
        assertTrue(store.inTransaction(tx -> new BuildRows(tx).release(c.id())).isEmpty(), "deleted with the versions");
    }

    @Test
    void usersTokensAndMembers() {
        JdbcStore store = store();
        Team t = team(store);
        User u = new User(Rows.newId(), unique("u"), "U", false, 1, NOW);
        io.kato.api.model.ApiToken token = new io.kato.api.model.ApiToken(Rows.newId(), u.id(), "ci", NOW, null);
        String hash = unique("hash");
        store.inTransaction(tx -> {
            new UserRows(tx).insert(u);
            new UserRows(tx).insertToken(token, hash);
            new TeamRows(tx).putMember(t.id(), u.id(), Role.VIEWER);
            new TeamRows(tx).putMember(t.id(), u.id(), Role.DEVELOPER);
            return null;
        });
        UserRows.TokenOwner owner = store.inTransaction(tx -> new UserRows(tx).tokenByHash(hash)).orElseThrow();
        assertEquals(u, owner.user());
        assertEquals(token, owner.token());
        assertEquals(Role.DEVELOPER,
                store.inTransaction(tx -> new TeamRows(tx).membershipsOf(u.id())).get(0).role());
        assertEquals(1, store.inTransaction(tx -> new TeamRows(tx).list(u.id(), 0, 10)).size());
    }

    @Test
    void eventsNewestFirstWithLog() {
        JdbcStore store = store();
        Team t = team(store);
        Event older = new Event(Rows.newId(), t.id(), "team", t.name(), "create", "alice", EventStatus.SUCCEEDED,
                "ok", NOW, NOW);
        Event newer = new Event(Rows.newId(), t.id(), "app", "web", "create", "alice", EventStatus.RUNNING, "",
                NOW.plusSeconds(5), null);
        store.inTransaction(tx -> {
            EventRows rows = new EventRows(tx);
            rows.insert(older);
            rows.insert(newer);
            rows.appendLog(newer.id(), "line 1\n");
            rows.appendLog(newer.id(), "line 2\n");
            return null;
        });
        List<Event> events = store.inTransaction(tx -> new EventRows(tx).list(t.id(), 0, 10));
        assertEquals(List.of(newer.id(), older.id()), events.stream().map(Event::id).toList());
        assertEquals("line 1\nline 2\n", store.inTransaction(tx -> new EventRows(tx).log(newer.id())));
    }

    @Test
    void onlyOneWorkerWinsALease() {
        JdbcStore store = store();
        String id = Rows.newId();
        String kind = unique("k");
        store.inTransaction(tx -> {
            new JobRows(tx).insert(id, kind, "{}", null, 2, NOW);
            return null;
        });
        JobRows.LeasedJob seen = store.inTransaction(tx -> new JobRows(tx).candidates(List.of(kind), NOW, 5)).get(0);
        assertTrue(bool(store, tx -> new JobRows(tx).lease(seen, "w1", NOW.plusSeconds(30), NOW)));
        assertFalse(bool(store, tx -> new JobRows(tx).lease(seen, "w2", NOW.plusSeconds(30), NOW)));
        assertTrue(bool(store, tx -> new JobRows(tx).candidates(List.of(kind), NOW, 5).isEmpty()),
                "a live lease hides the job");
        assertEquals(1, store.inTransaction(tx -> new JobRows(tx).candidates(List.of(kind), NOW.plusSeconds(31), 5))
                .size(), "an expired lease offers it again");
        assertFalse(bool(store, tx -> new JobRows(tx).finish(id, "w2", JobRows.SUCCEEDED, "x", NOW)),
                "only the lease owner may finish");
        assertTrue(bool(store, tx -> new JobRows(tx).finish(id, "w1", JobRows.SUCCEEDED, "done", NOW)));
    }
}
