package io.kato.core.internal;

import io.kato.api.model.Component;
import io.kato.api.runtime.Deployment;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.Runtime;
import io.kato.store.ComponentRows;
import io.kato.store.Store;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level-triggered loop: compares each component's desired state with what its team's
 * runtime observes and asks the runtime to converge where they differ. Idempotent: a pass
 * over components that already agree does nothing (a runtime that {@link
 * Runtime#appliesEveryPass applies every pass} is handed them anyway, and writes nothing).
 */
@org.osgi.service.component.annotations.Component(service = Reconciler.class, immediate = true,
        configurationPid = "io.kato.core")
public class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final int PAGE = 200;
    private final Store store;
    private final Runtimes runtimes;
    private final Function<Component, Optional<Deployment>> desired;
    private final ScheduledExecutorService loop;
    private final Rollouts rollouts;
    /** Holds dependents back until their dependencies are ready; null lets everything start (tests). */
    private volatile DependencyGate gate;
    private final java.util.concurrent.atomic.AtomicBoolean followUp = new java.util.concurrent.atomic.AtomicBoolean();

    @Activate
    public Reconciler(@Reference Store store, @Reference Runtimes runtimes, @Reference Secrets secrets,
                      @Reference GatewayRoutes routes, @Reference PluginInstallServiceImpl plugins,
                      CoreConfig config) {
        this(store, runtimes, new Deployments(store, secrets, routes::ingress, plugins::plugins)::of,
                java.time.Duration.ofSeconds(Math.max(10, config.rolloutTimeoutSeconds())));
        gate = new DependencyGate(store, runtimes, java.time.Clock.systemUTC(),
                java.time.Duration.ofSeconds(Math.max(0, config.dependencyWaitSeconds())));
        long period = Math.max(1, config.reconcileSeconds());
        loop.scheduleWithFixedDelay(this::pass, period, period, TimeUnit.SECONDS);
    }

    /** With the dependency gate of a running server (tests that order starts). */
    void gate(DependencyGate g) {
        this.gate = g;
    }

    Reconciler(Store store, Runtimes runtimes, Function<Component, Optional<Deployment>> desired) {
        this(store, runtimes, desired, java.time.Duration.ofMinutes(5));
    }

    Reconciler(Store store, Runtimes runtimes, Function<Component, Optional<Deployment>> desired,
               java.time.Duration rolloutLimit) {
        this.store = store;
        this.runtimes = runtimes;
        this.desired = desired;
        this.rollouts = new Rollouts(store, desired, java.time.Clock.systemUTC(), rolloutLimit);
        this.loop = Executors.newSingleThreadScheduledExecutor(JobServiceImpl.named("kato-reconcile"));
    }

    @Deactivate
    void deactivate() {
        loop.shutdownNow();
    }

    /** Runs a pass now (after a start or stop), besides the periodic ones. */
    void soon() {
        try {
            loop.execute(this::pass);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // deactivating: the next start of the reconciler converges anyway
        }
    }

    private void pass() {
        try {
            reconcileAll();
            purgeDeleted();
            if (settleOperations() > 0 && followUp.compareAndSet(false, true)) {
                // an operation is under way: its event ends within a second of converging
                loop.schedule(() -> {
                    followUp.set(false);
                    pass();
                }, 1, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // deactivating
        } catch (RuntimeException e) {
            LOG.warn("Reconcile pass failed: {}", e.getMessage());
        } catch (LinkageError e) {
            // a bundle replaced under a pass; thrown on, it would end the periodic task for good
            LOG.error("Reconcile pass failed", e);
        }
    }

    /** Ends the events of operations that converged (or ran out of time); returns how many stay open. */
    int settleOperations() {
        return rollouts.settle(runtimes::forTeam);
    }

    /** One pass over every component; returns how many needed an action. */
    int reconcileAll() {
        int actions = 0;
        for (int offset = 0; ; offset += PAGE) {
            int from = offset;
            List<Component> page = store.inTransaction(tx -> new ComponentRows(tx).all(from, PAGE));
            for (Component c : page) {
                Optional<Runtime> runtime = runtimes.forTeamAndUp(c.teamId());
                if (runtime.isEmpty()) {
                    // its runtime's bundle is away, or its cluster out of reach: what runs keeps running,
                    // the component shows unknown, and the next pass after it is back converges it
                    continue;
                }
                try {
                    if (reconcile(runtime.get(), c)) {
                        actions++;
                    }
                } catch (RuntimeException e) {
                    // one component that cannot converge must not keep the others from it
                    LOG.warn("Reconciling component {} failed: {}", c.id(), e.getMessage(), e);
                }
            }
            if (page.size() < PAGE) {
                return actions;
            }
        }
    }

    /**
     * Has every runtime drop what deleted components left there (their volumes' data: a
     * component may have run on several, its team having changed runtime); a purge is done
     * once all runtimes are up and did it, and is tried again next pass until then.
     */
    int purgeDeleted() {
        java.util.Collection<Runtime> all = runtimes.all();
        if (all.isEmpty() || all.stream().anyMatch(r -> !Runtimes.health(r).up())) {
            return 0;
        }
        int done = 0;
        for (String id : store.inTransaction(tx -> new ComponentRows(tx).pendingPurges(PAGE))) {
            try {
                all.forEach(r -> r.purge(id));
                store.inTransaction(tx -> {
                    new ComponentRows(tx).purged(id);
                    return null;
                });
                done++;
            } catch (RuntimeException e) {
                LOG.warn("Dropping what deleted component {} left failed (tried again): {}", id, e.getMessage());
            }
        }
        return done;
    }

    /** Converges one component; true when the runtime was asked to act. */
    boolean reconcile(Runtime runtime, Component component) {
        if (component.sourceKind() == io.kato.api.model.SourceKind.THIRD_PARTY) {
            return external(runtime, component);
        }
        Observation seen = runtime.observe(component.id());
        Optional<Deployment> want = desired.apply(component);
        if (want.isEmpty()) {
            if (seen.known()) {
                runtime.remove(component.id());
                return true;
            }
            return false;
        }
        if (agrees(want.get(), seen) && !runtime.appliesEveryPass()) {
            return false;
        }
        DependencyGate g = gate;
        if (!seen.known() && g != null && !g.mayStart(component)) {
            return false; // its dependencies are not ready yet: the next pass asks again
        }
        runtime.apply(want.get());
        return true;
    }

    /** A third-party component, on a runtime that names it: what stands for it follows its ready endpoints. */
    private boolean external(Runtime runtime, Component c) {
        if (c.ports().isEmpty()) {
            return false;
        }
        record Read(String team, List<String> ready) {
        }
        Read read = store.inTransaction(tx -> new Read(new io.kato.store.TeamRows(tx).byId(c.teamId())
                .map(t -> t.name()).orElse(""), new io.kato.store.ThirdPartyRows(tx).endpoints(c.id()).stream()
                .filter(e -> e.online() && e.healthy()).map(io.kato.store.ThirdPartyRows.Endpoint::address).toList()));
        if (runtime.externalAddress(c.id(), c.name(), read.team(), c.ports().get(0).port()) == null) {
            return false; // dependents go to the endpoints directly
        }
        runtime.applyExternal(new io.kato.api.runtime.ExternalService(c.id(), c.name(), read.team(), c.ports().get(0),
                read.ready()));
        return false; // an unchanged one is a no-op in the runtime: not counted as an action
    }

    static boolean agrees(Deployment want, Observation seen) {
        if (!want.running()) {
            return seen.instances().stream().noneMatch(Observation.Instance::alive);
        }
        return seen.known() && want.versionId().equals(seen.versionId()) && want.revision() == seen.revision()
                && seen.instances().size() == want.instances()
                && seen.instances().stream().allMatch(Observation.Instance::alive);
    }
}
