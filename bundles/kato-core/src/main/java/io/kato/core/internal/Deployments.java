package io.kato.core.internal;

import io.kato.api.model.Autoscaling;
import io.kato.api.model.Component;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Version;
import io.kato.api.model.Volume;
import io.kato.api.runtime.Deployment;
import io.kato.store.BuildRows;
import io.kato.store.ComponentSpecRows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the runtime should run for a component: its released version at the release's
 * revision (or, never released, its newest version), when the component is wanted running
 * and has one; nothing otherwise (the reconciler then removes what runs).
 */
final class Deployments {
    private final Store store;
    private final Secrets secrets;
    private final java.util.function.BiFunction<String, Component, List<Deployment.Route>> routes;
    private final Plugins plugins;

    /** What runs beside a component, given its runtime env (secrets opened) and its secret names. */
    interface Plugins {
        List<Deployment.Plugin> of(Component c, Map<String, String> env, Set<String> secretEnv);
    }

    /** Deployments without routes (a runtime behind Kato's own gateway needs none) or plugins. */
    Deployments(Store store, Secrets secrets) {
        this(store, secrets, (team, c) -> List.of(), (c, env, secret) -> List.of());
    }

    /**
     * @param routes  the ways in to a component of a team, for runtimes with an edge of their own
     * @param plugins the plugins installed on a component, rendered
     */
    Deployments(Store store, Secrets secrets,
                java.util.function.BiFunction<String, Component, List<Deployment.Route>> routes, Plugins plugins) {
        this.store = store;
        this.secrets = secrets;
        this.routes = routes;
        this.plugins = plugins;
    }

    Optional<Deployment> of(Component c) {
        if (!c.desiredRunning()) {
            return Optional.empty();
        }
        record Found(Version version, long revision, String team, List<io.kato.api.build.ProbeSpec> probes,
                     List<Volume> volumes, Autoscaling autoscaling, Map<String, String> received) {
        }
        Optional<Found> found = store.inTransaction(tx -> {
            BuildRows builds = new BuildRows(tx);
            Optional<BuildRows.Release> release = builds.release(c.id());
            ComponentSpecRows spec = new ComponentSpecRows(tx);
            return builds.runnable(c.id()).map(v -> new Found(BuildServiceImpl.version(v),
                    release.map(BuildRows.Release::revision).orElse(0L),
                    new TeamRows(tx).byId(c.teamId()).map(t -> t.name()).orElse(""),
                    ComponentServiceImpl.readProbes(new io.kato.store.ComponentRows(tx).probes(c.id())),
                    spec.volumes(c.id()), spec.autoscaling(c.id()).orElse(null),
                    ConnectionInfo.received(tx, secrets, c.id())));
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Version v = found.get().version();
        // the dependencies' connection information as received at the last start, restart or upgrade; it
        // travels as secrets (it holds theirs), and the component's own variables win a name both have
        Map<String, String> env = new LinkedHashMap<>(found.get().received());
        Set<String> secret = new HashSet<>(env.keySet());
        for (EnvVar e : c.env()) {
            if (e.scope() != EnvScope.BUILD) {
                env.put(e.name(), secrets.open(e)); // the process needs the plain value; it is never logged
                if (e.secret()) {
                    secret.add(e.name());
                } else {
                    secret.remove(e.name());
                }
            }
        }
        Found f = found.get();
        return Optional.of(new Deployment(c.id(), c.name(), f.team(), v.id(), v.artifact(), v.startCommand(), true,
                c.instances(), c.memoryMb(), c.deployType(), c.ports(), env, f.probes(), f.revision())
                .with(secret, f.volumes(), f.autoscaling(), routes.apply(f.team(), c))
                .withPlugins(plugins.of(c, env, secret)));
    }
}
