package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.Actor;
import io.kato.api.build.BuildPlan;
import io.kato.api.model.Component;
import io.kato.api.model.EnvVar;
import io.kato.api.runtime.BuildRequest;
import io.kato.api.runtime.Deployment;
import io.kato.api.runtime.LogSink;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.Runtime;
import io.kato.api.service.AppService.AppDraft;
import io.kato.api.service.ComponentService.ComponentChanges;
import io.kato.api.service.ComponentService.ComponentDraft;
import io.kato.api.service.TeamService.TeamDraft;
import io.kato.store.Store;
import io.kato.store.internal.TestStores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private final Actor admin = Actor.system();
    private Store store;
    private ComponentServiceImpl components;
    private Runtimes runtimes;
    private FakeRuntime runtime;
    private final List<Reconciler> started = new ArrayList<>();

    /** A runtime that records what it is asked and reports what the test says it observes. */
    static class FakeRuntime implements Runtime {
        final String name;
        final List<Deployment> applied = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        final List<String> purged = new ArrayList<>();
        final Map<String, Observation> observed = new HashMap<>();
        boolean everyPass;
        RuntimeException purgeFails;
        io.kato.api.runtime.RuntimeHealth healthNow = io.kato.api.runtime.RuntimeHealth.UP;

        @Override
        public io.kato.api.runtime.RuntimeHealth health() {
            return healthNow;
        }

        FakeRuntime(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String build(BuildRequest request, BuildPlan plan, LogSink log) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void apply(Deployment deployment) {
            applied.add(deployment);
        }

        @Override
        public void remove(String componentId) {
            removed.add(componentId);
        }

        @Override
        public void purge(String componentId) {
            if (purgeFails != null) {
                throw purgeFails;
            }
            purged.add(componentId);
        }

        @Override
        public boolean appliesEveryPass() {
            return everyPass;
        }

        @Override
        public Observation observe(String componentId) {
            return observed.getOrDefault(componentId, Observation.absent());
        }

        @Override
        public AutoCloseable logs(String componentId, String instance, LogSink sink) {
            return () -> { };
        }

        /** What a converged backend would report for the deployment. */
        void converge(Deployment d) {
            observed.put(d.componentId(), new Observation(true, d.versionId(), IntStream.range(0, d.instances())
                    .mapToObj(i -> new Observation.Instance(d.name() + "-" + i, true, true, 0)).toList()));
        }
    }

    @BeforeEach
    void setUp() {
        store = TestStores.newDerbyStore();
        runtimes = new Runtimes("local");
        runtime = new FakeRuntime("local");
        runtimes.addRuntime(runtime);
        components = new ComponentServiceImpl(store, new Secrets(new SecretCipher(SecretCipherTest.randomKey())),
                runtimes, Clock.fixed(Instant.parse("2026-02-02T02:02:02Z"), ZoneOffset.UTC));
        Clock clock = Clock.systemUTC();
        new TeamServiceImpl(store, clock).create(admin, new TeamDraft("shop", null, null));
        new AppServiceImpl(store, clock).create(admin, "shop", new AppDraft("web", null, null));
    }

    @AfterEach
    void tearDown() {
        started.forEach(Reconciler::deactivate);
    }

    private Reconciler reconciler(Function<Component, Optional<Deployment>> desired) {
        Reconciler r = new Reconciler(store, runtimes, desired);
        started.add(r);
        return r;
    }

    private Component component(String name, int instances) {
        return components.create(admin, "shop", new ComponentDraft(name, "web", null, null, instances, null, null,
                List.of(), List.of(new EnvVar("MODE", "prod", null, false)), null, null));
    }

    /** Version v1 of every component, running with its desired instance count. */
    private static Optional<Deployment> runningV1(Component c) {
        return Optional.of(new Deployment(c.id(), c.name(), "shop", "v1", "artifacts/" + c.name() + "/v1",
                List.of("./run"), true, c.instances(), c.memoryMb(), c.deployType(), c.ports(),
                Map.of("MODE", "prod"), List.of()));
    }

    @Test
    void aComponentTheRuntimeDoesNotKnowIsApplied() {
        Component api = component("api", 2);
        assertEquals(1, reconciler(ReconcilerTest::runningV1).reconcileAll());
        assertEquals(1, runtime.applied.size());
        Deployment d = runtime.applied.get(0);
        assertEquals(api.id(), d.componentId());
        assertEquals("v1", d.versionId());
        assertEquals(2, d.instances());
        assertTrue(d.running());
        assertEquals(List.of(), runtime.removed);
    }

    /** db runs (wanted), api depends on it; both have a start under way since {@code at}. */
    private Component[] startingWithADependency(Instant at) {
        Component db = component("db", 1);
        Component api = component("api", 1);
        store.inTransaction(tx -> {
            io.kato.store.ComponentRows rows = new io.kato.store.ComponentRows(tx);
            rows.update(db.running(true).atVersion(db.version() + 1, at), db.version());
            rows.update(api.running(true).atVersion(api.version() + 1, at), api.version());
            new io.kato.store.DependencyRows(tx).add(api.id(), db.id(), at);
            for (Component c : List.of(db, api)) {
                new io.kato.store.EventRows(tx).insert(new io.kato.api.model.Event("start-" + c.name(), c.teamId(),
                        "component", c.name(), "start", "test", io.kato.api.model.EventStatus.RUNNING, "Starting", at,
                        null));
            }
            return null;
        });
        return new Component[] {db, api};
    }

    private String log(String eventId) {
        return store.inTransaction(tx -> new io.kato.store.EventRows(tx).log(eventId));
    }

    @Test
    void aDependentStartsOnceItsDependencyIsReady() {
        Instant at = Instant.parse("2026-02-02T02:00:00Z");
        Component[] c = startingWithADependency(at);
        Reconciler r = reconciler(ReconcilerTest::runningV1);
        r.gate(new DependencyGate(store, runtimes, Clock.fixed(at.plusSeconds(10), ZoneOffset.UTC),
                java.time.Duration.ofSeconds(120)));
        assertEquals(1, r.reconcileAll(), "db only");
        assertEquals(List.of("db"), runtime.applied.stream().map(Deployment::name).toList());
        assertTrue(log("start-api").contains("Waiting for its dependencies to be ready: db (at most 120 s)"),
                log("start-api"));
        r.reconcileAll();
        assertFalse(runtime.applied.stream().anyMatch(d -> d.name().equals("api")), "db is not ready yet");
        assertEquals(1, log("start-api").split("Waiting").length - 1, "the line is written once");
        runtime.converge(runtime.applied.get(0));
        assertEquals(1, r.reconcileAll());
        Deployment last = runtime.applied.get(runtime.applied.size() - 1);
        assertEquals(c[1].id(), last.componentId(), "api, once db is ready");
    }

    @Test
    void aDependentStopsWaitingAfterTheLimitAndSaysSo() {
        Instant at = Instant.parse("2026-02-02T02:00:00Z");
        startingWithADependency(at);
        Reconciler r = reconciler(ReconcilerTest::runningV1);
        r.gate(new DependencyGate(store, runtimes, Clock.fixed(at.plusSeconds(121), ZoneOffset.UTC),
                java.time.Duration.ofSeconds(120)));
        assertEquals(2, r.reconcileAll(), "db never got ready, and api starts anyway");
        assertTrue(log("start-api").contains("db not ready after 120 s: starting without waiting longer"),
                log("start-api"));
    }

    @Test
    void aSecondPassOverAConvergedComponentDoesNothing() {
        component("api", 2);
        component("worker", 1);
        Reconciler r = reconciler(ReconcilerTest::runningV1);
        assertEquals(2, r.reconcileAll());
        runtime.applied.forEach(runtime::converge);

        assertEquals(0, r.reconcileAll());
        assertEquals(0, r.reconcileAll());
        assertEquals(2, runtime.applied.size(), "no further apply");
        assertEquals(List.of(), runtime.removed);
    }

    @Test
    void aTeamOnItsOwnRuntimeRunsThereAndMovesOnlyWhenStopped() {
        FakeRuntime other = new FakeRuntime("other");
        runtimes.addRuntime(other);
        TeamServiceImpl teams = new TeamServiceImpl(store, runtimes, Clock.systemUTC());
        io.kato.api.ValidationException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                io.kato.api.ValidationException.class, () -> teams.update(admin, "shop",
                        new io.kato.api.service.TeamService.TeamChanges(null, null, "mars"), null));
        assertTrue(unknown.getMessage().contains("[local, other]") || unknown.getMessage().contains("[other, local]"),
                unknown.getMessage());
        assertEquals("other", teams.update(admin, "shop", new io.kato.api.service.TeamService.TeamChanges(null, null,
                "other"), null).runtime());
        Component api = component("api", 1);
        Reconciler r = reconciler(ReconcilerTest::runningV1);
        r.reconcileAll();
        assertEquals(List.of(api.id()), other.applied.stream().map(Deployment::componentId).toList());
        assertEquals(List.of(), runtime.applied, "the server's active runtime is not the team's");

        store.inTransaction(tx -> tx.update("UPDATE components SET desired_running = ? WHERE id = ?", true,
                api.id()));
        io.kato.api.ConflictException running = org.junit.jupiter.api.Assertions.assertThrows(
                io.kato.api.ConflictException.class, () -> teams.update(admin, "shop",
                        new io.kato.api.service.TeamService.TeamChanges(null, null, ""), null));
        assertTrue(running.getMessage().contains("stop them first"), running.getMessage());
        store.inTransaction(tx -> tx.update("UPDATE components SET desired_running = ? WHERE id = ?", false,
                api.id()));
        other.converge(other.applied.get(0));
        io.kato.api.ConflictException stopping = org.junit.jupiter.api.Assertions.assertThrows(
                io.kato.api.ConflictException.class, () -> teams.update(admin, "shop",
                        new io.kato.api.service.TeamService.TeamChanges(null, null, ""), null));
        assertTrue(stopping.getMessage().contains("still stopping"), stopping.getMessage());
        other.observed.clear();
        assertEquals(null, teams.update(admin, "shop", new io.kato.api.service.TeamService.TeamChanges(null, null,
                ""), null).runtime(), "back on the server's runtime");
        assertEquals("local", runtimes.nameFor(api.teamId()));
    }

    @Test
    void aRuntimeThatIsDownIsLeftAloneUntilItIsBack() {
        runtime.everyPass = true;
        component("api", 1);
        Reconciler r = reconciler(ReconcilerTest::runningV1);
        runtime.healthNow = new io.kato.api.runtime.RuntimeHealth(false, "cluster out of reach");
        assertEquals(0, r.reconcileAll(), "nothing to gain from a pass of failing requests");
        assertEquals(List.of(), runtime.applied);
        runtime.healthNow = io.kato.api.runtime.RuntimeHealth.UP;
        assertEquals(1, r.reconcileAll());
    }

    @Test
    void aRuntimeThatAppliesEveryPassGetsConvergedComponentsToo() {
        runtime.everyPass = true;
        component("api", 1);
        Reconciler r = reconciler(ReconcilerTest::runningV1);
        r.reconcileAll();
        runtime.applied.forEach(runtime::converge);
        r.reconcileAll();
        assertEquals(2, runtime.applied.size(), "a route or volume change reaches it without a restart");
    }

    @Test
    void aDeletedComponentsDataIsPurgedOnceAndAFailedPurgeIsRetried() {
        Component api = component("api", 1);
        components.delete(admin, "shop", "api", null);
        Reconciler r = reconciler(ReconcilerTest::runningV1);
        runtime.purgeFails = new io.kato.api.runtime.RuntimeFailure("The cluster cannot be reached");
        assertEquals(0, r.purgeDeleted());
        runtime.purgeFails = null;
        assertEquals(1, r.purgeDeleted());
        assertEquals(0, r.purgeDeleted(), "done once");
        assertEquals(List.of(api.id()), runtime.purged);
    }

    @Test
    void aPassWhileTheRuntimeHasNotConvergedYetAppliesAgain() {
        component("api", 2);
        Reconciler r = reconciler(ReconcilerTest::runningV1);
        r.reconcileAll();
        Deployment d = runtime.applied.get(0);
        runtime.observed.put(d.componentId(), new Observation(true, "v1",
                List.of(new Observation.Instance("api-0", true, true, 0))));
        assertEquals(1, r.reconcileAll(), "one instance of two");
        runtime.observed.put(d.componentId(), new Observation(true, "v0",
                List.of(new Observation.Instance("api-0", true, true, 0), new Observation.Instance("api-1", true, true, 0))));
        assertEquals(1, r.reconcileAll(), "old version");
        runtime.observed.put(d.componentId(), new Observation(true, "v1",
                List.of(new Observation.Instance("api-0", true, true, 0), new Observation.Instance("api-1", false, false, 2))));
        assertEquals(1, r.reconcileAll(), "a dead instance");
        assertEquals(4, runtime.applied.size());
    }

    @Test
    void aChangedDesiredStateIsAppliedAgain() {
        component("api", 1);
        Reconciler r = reconciler(ReconcilerTest::runningV1);
        r.reconcileAll();
        runtime.converge(runtime.applied.get(0));
        components.update(admin, "shop", "api", new ComponentChanges(null, 3, null, null), null);
        assertEquals(1, r.reconcileAll());
        assertEquals(3, runtime.applied.get(1).instances());
    }

    @Test
    void aStoppedDeploymentAgreesOnceNothingIsAlive() {
        Component api = component("api", 1);
        Reconciler r = reconciler(c -> runningV1(c).map(d -> new Deployment(d.componentId(), d.name(), d.team(),
                d.versionId(), d.artifact(), d.startCommand(), false, d.instances(), d.memoryMb(), d.deployType(),
                d.ports(), d.env(), d.probes())));
        runtime.observed.put(api.id(), new Observation(true, "v1", List.of(new Observation.Instance("i", true, true, 0))));
        assertEquals(1, r.reconcileAll(), "an alive instance must be stopped");
        runtime.observed.put(api.id(), new Observation(true, "v1", List.of(new Observation.Instance("i", false, false, 0))));
        assertEquals(0, r.reconcileAll());
        assertEquals(1, runtime.applied.size());
        assertFalse(runtime.applied.get(0).running());
    }

    @Test
    void aComponentWithNothingToRunIsRemovedFromARuntimeThatKnowsIt() {
        Component api = component("api", 1);
        Component worker = component("worker", 1);
        runtime.observed.put(api.id(), new Observation(true, "v1", List.of(new Observation.Instance("i", true, true, 0))));
        Reconciler r = reconciler(c -> Optional.empty());
        assertEquals(1, r.reconcileAll());
        assertEquals(List.of(api.id()), runtime.removed, "only what the runtime knows is removed");
        assertFalse(runtime.removed.contains(worker.id()));
        assertEquals(List.of(), runtime.applied);

        runtime.observed.remove(api.id());
        assertEquals(0, r.reconcileAll(), "once removed, nothing more to do");
        assertEquals(1, runtime.removed.size());
    }

    @Test
    void withoutAnActiveRuntimeNothingIsDone() {
        component("api", 1);
        Runtimes none = new Runtimes("kubernetes");
        none.addRuntime(runtime);
        Reconciler idle = new Reconciler(store, none, ReconcilerTest::runningV1);
        started.add(idle);
        assertEquals(0, idle.reconcileAll());
        Reconciler empty = new Reconciler(store, new Runtimes("local"), ReconcilerTest::runningV1);
        started.add(empty);
        assertEquals(0, empty.reconcileAll(), "no runtime registered at all");
        assertEquals(List.of(), runtime.applied);
        assertEquals(List.of(), runtime.removed);
    }

    @Test
    void everyComponentIsVisitedAcrossPages() {
        for (int i = 0; i < 205; i++) {
            component("c" + i, 1);
        }
        Reconciler r = reconciler(ReconcilerTest::runningV1);
        assertEquals(205, r.reconcileAll());
        assertEquals(205, runtime.applied.stream().map(Deployment::componentId).distinct().count());
        runtime.applied.forEach(runtime::converge);
        assertEquals(0, r.reconcileAll());
    }
}
