package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.model.Build;
import io.kato.api.model.Component;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.model.Team;
import io.kato.api.model.Version;
import io.kato.api.service.BuildService;
import io.kato.store.BuildRows;
import io.kato.store.ComponentRows;
import io.kato.store.EventRows;
import io.kato.store.JobRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;

/** Queues builds and lists what they produced; {@link BuildJob} runs them. */
@org.osgi.service.component.annotations.Component(service = {BuildService.class, BuildServiceImpl.class})
public class BuildServiceImpl extends ServiceSupport implements BuildService {
    static final String JOB_KIND = "build";
    private final Runtimes runtimes;

    @Activate
    public BuildServiceImpl(@Reference Store store, @Reference Runtimes runtimes) {
        this(store, runtimes, Clock.systemUTC());
    }

    BuildServiceImpl(Store store, Runtimes runtimes, Clock clock) {
        super(store, clock);
        this.runtimes = runtimes;
    }

    @Override
    public Build build(Actor actor, String team, String component) {
        return woken(jobs, tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = component(tx, t, component);
            if (c.source() == null || c.source().checkId() == null) {
                throw new ConflictException("Component '" + component + "' was not made from source, so there is"
                        + " nothing to build: create it from a source check");
            }
            if (runtimes.forTeam(t.id()).isEmpty()) {
                throw new ConflictException("No runtime '" + runtimes.nameFor(t.id()) + "' is installed to build on:"
                        + " install its bundle, or choose another runtime for the team (or in etc/io.kato.core.cfg)");
            }
            // Serialises builds of one component: a concurrent request waits here, then sees this one's build.
            new ComponentRows(tx).lock(c.id());
            BuildRows builds = new BuildRows(tx);
            builds.latestBuild(c.id()).filter(b -> inProgress(tx, t.id(), b))
                    .ifPresent(b -> {
                        throw new ConflictException("A build of '" + component + "' is already " + b.status()
                                + " (event " + b.id() + "): follow its log, or wait for it to end");
                    });
            Instant now = now();
            String id = Rows.newId();
            new EventRows(tx).insert(new Event(id, t.id(), "component", component, JOB_KIND, actor.name(),
                    EventStatus.RUNNING, "build queued", now, null));
            BuildRows.Build row = new BuildRows.Build(id, c.id(), Build.QUEUED, "queued", now, null);
            builds.insertBuild(row);
            // One attempt: a build whose worker died fails visibly rather than running twice.
            new JobRows(tx).insert(Rows.newId(), JOB_KIND, id, id, 1, now);
            return shown(row, component);
        }));
    }

    @Override
    public Build get(Actor actor, String team, String component, String buildId) {
        return tx(tx -> {
            Component c = component(tx, Access.team(tx, actor, team, Access.Need.READ), component);
            return new BuildRows(tx).build(buildId == null ? "" : buildId)
                    .filter(b -> b.componentId().equals(c.id()))
                    .map(b -> shown(b, component))
                    .orElseThrow(() -> NotFoundException.of("build", buildId));
        });
    }

    @Override
    public Build cancel(Actor actor, String team, String component, String buildId) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            Component c = component(tx, t, component);
            BuildRows rows = new BuildRows(tx);
            BuildRows.Build b = rows.build(buildId == null ? "" : buildId).filter(x -> x.componentId().equals(c.id()))
                    .orElseThrow(() -> NotFoundException.of("build", buildId));
            String by = "Cancelled by " + actor.name();
            if (b.status().equals(Build.QUEUED) && rows.moveBuild(b.id(), Build.QUEUED, Build.CANCELLED, by, now())) {
                EventRows events = new EventRows(tx);
                events.appendLog(b.id(), by + " before it started\n");
                events.finish(b.id(), EventStatus.FAILED, by, now());
            } else if (!(b.status().equals(Build.RUNNING)
                    && rows.moveBuild(b.id(), Build.RUNNING, Build.CANCELLING, by, null))
                    && !b.status().equals(Build.CANCELLING)) {
                throw new ConflictException("Build " + b.id() + " has already ended (" + b.status() + ")");
            }
            record(tx, actor, t.id(), "cancel", "build", component + "/" + b.id(), null, null);
            return shown(rows.build(b.id()).orElseThrow(), component);
        });
    }

    @Override
    public Page<Version> versions(Actor actor, String team, String component, PageRequest page) {
        return tx(tx -> {
            Component c = component(tx, Access.team(tx, actor, team, Access.Need.READ), component);
            BuildRows rows = new BuildRows(tx);
            List<Version> items = rows.versions(c.id(), page.offset(), page.limit()).stream()
                    .map(BuildServiceImpl::version).toList();
            return new Page<>(items, page.offset(), page.limit(), rows.countVersions(c.id()));
        });
    }

    /**
     * Whether a build is still queued or running. One whose job ended without ending the
     * build (its worker died: the job and event are failed, the build row is not) is failed
     * here, so that it blocks nothing.
     */
    static boolean inProgress(Tx tx, String teamId, BuildRows.Build b) {
        if (!b.status().equals(Build.QUEUED) && !b.status().equals(Build.RUNNING)
                && !b.status().equals(Build.CANCELLING)) {
            return false;
        }
        boolean open = eventOpen(tx, teamId, b.id());
        if (!open) {
            new BuildRows(tx).moveBuild(b.id(), b.status(), Build.FAILED, "Its worker stopped before it ended: build"
                    + " again", Instant.now());
        }
        return open;
    }

    static Version version(BuildRows.VersionRow v) {
        List<String> start;
        try {
            start = v.startCommandJson() == null ? List.of()
                    : List.of(SourceCheckServiceImpl.JSON.readValue(v.startCommandJson(), String[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored start command of version " + v.id() + " is unreadable", e);
        }
        return new Version(v.id(), v.componentId(), v.number(), v.buildId(), v.strategy(), v.artifact(), start,
                v.revision(), v.ref(), v.author(), v.message(), v.createdAt());
    }

    private static Component component(Tx tx, Team t, String name) {
        return new ComponentRows(tx).byName(t.id(), name == null ? "" : name)
                .orElseThrow(() -> NotFoundException.of("component", name));
    }

    private static Build shown(BuildRows.Build b, String component) {
        return new Build(b.id(), b.componentId(), component, b.status(), b.message(), b.createdAt(), b.finishedAt());
    }

    /** The job workers, woken when a job is queued (absent: they find it at their next poll). */
    @org.osgi.service.component.annotations.Reference(cardinality = org.osgi.service.component.annotations
            .ReferenceCardinality.OPTIONAL, policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile JobServiceImpl jobs;
}
