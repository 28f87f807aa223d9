package io.kato.core.internal;

import io.kato.api.model.Component;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Version;
import io.kato.api.runtime.Deployment;
import io.kato.store.BuildRows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runtime should run for a component: its released version at the release's
 * revision (or, never released, its newest version), when the component is wanted running
 * and has one; nothing otherwise (the reconciler then removes what runs).
 */
final class Deployments {
    private final Store store;
    private final Secrets secrets;

    Deployments(Store store, Secrets secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    Optional<Deployment> of(Component c) {
        if (!c.desiredRunning()) {
            return Optional.empty();
        }
        record Found(Version version, long revision, String team, List<io.kato.api.build.ProbeSpec> probes) {
        }
        Optional<Found> found = store.inTransaction(tx -> {
            BuildRows builds = new BuildRows(tx);
            Optional<BuildRows.Release> release = builds.release(c.id());
            return builds.runnable(c.id()).map(v -> new Found(BuildServiceImpl.version(v),
                    release.map(BuildRows.Release::revision).orElse(0L),
                    new TeamRows(tx).byId(c.teamId()).map(t -> t.name()).orElse(""),
                    ComponentServiceImpl.readProbes(new io.kato.store.ComponentRows(tx).probes(c.id()))));
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Version v = found.get().version();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.env()) {
            if (e.scope() != EnvScope.BUILD) {
                env.put(e.name(), secrets.open(e)); // the process needs the plain value; it is never logged
            }
        }
        return Optional.of(new Deployment(c.id(), c.name(), found.get().team(), v.id(), v.artifact(),
                v.startCommand(), true, c.instances(), c.memoryMb(), c.deployType(), c.ports(), env, found.get().probes(),
                found.get().revision()));
    }
}
