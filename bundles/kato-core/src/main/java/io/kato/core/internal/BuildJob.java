package io.kato.core.internal;

import io.kato.api.KatoException;
import io.kato.api.build.BuildContext;
import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildPlanException;
import io.kato.api.build.BuildStrategy;
import io.kato.api.detect.Detection;
import io.kato.api.job.JobContext;
import io.kato.api.job.JobFailedException;
import io.kato.api.job.JobHandler;
import io.kato.api.model.Build;
import io.kato.api.model.Component;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.SourceCheck;
import io.kato.api.model.Team;
import io.kato.api.runtime.BuildRequest;
import io.kato.api.runtime.LogSink;
import io.kato.api.runtime.Runtime;
import io.kato.api.runtime.RuntimeFailure;
import io.kato.api.source.FetchResult;
import io.kato.api.source.SourceFetchException;
import io.kato.store.BuildRows;
import io.kato.store.ComponentRows;
import io.kato.store.DuplicateKeyException;
import io.kato.store.Rows;
import io.kato.store.SourceCheckRows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one build: fetch the component's source as its check did, index it, take the
 * detection the check stored for the component's language, let the first supporting
 * {@link BuildStrategy} plan, have the active runtime run the plan, and record the result
 * as the component's next version. The build's event log is the build log.
 */
@org.osgi.service.component.annotations.Component(service = JobHandler.class,
        property = JobHandler.KIND_PROPERTY + "=" + BuildServiceImpl.JOB_KIND)
public class BuildJob implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BuildJob.class);
    private final Store store;
    private final SourceWorkspaces sources;
    private final BuildStrategies strategies;
    private final Runtimes runtimes;
    private final Secrets secrets;
    private final Path cacheRoot;
    private final ImagePulls images;

    @Activate
    public BuildJob(@Reference Store store, @Reference SourceWorkspaces sources, @Reference BuildStrategies strategies,
                    @Reference Runtimes runtimes, @Reference Secrets secrets,
                    @Reference CredentialServiceImpl credentials) {
        this(store, sources, strategies, runtimes, secrets, DataDir.kato().resolve("cache"),
                new ImagePulls(store, credentials, new io.kato.image.RegistryClient(java.time.Duration.ofSeconds(30))));
    }

    BuildJob(Store store, SourceWorkspaces sources, BuildStrategies strategies, Runtimes runtimes, Secrets secrets,
             Path cacheRoot, ImagePulls images) {
        this.store = store;
        this.sources = sources;
        this.strategies = strategies;
        this.runtimes = runtimes;
        this.secrets = secrets;
        this.cacheRoot = cacheRoot;
        this.images = images;
    }

    @Override
    public String run(JobContext context) throws Exception {
        BuildRows.Build build = store.inTransaction(tx -> new BuildRows(tx).build(context.payload()))
                .orElseThrow(() -> new JobFailedException("Build " + context.payload() + " no longer exists"));
        if (build.status().equals(Build.CANCELLED)) {
            throw new JobFailedException(build.message()); // cancelled while queued
        }
        if (!build.status().equals(Build.QUEUED)
                || !store.inTransaction(tx -> new BuildRows(tx).moveBuild(build.id(), Build.QUEUED, Build.RUNNING,
                "running", null))) {
            throw new JobFailedException("Build " + build.id() + " is " + build.status() + " already");
        }
        Path workspace = null;
        // Builds outlast a job lease: keep it while the runtime works, so no second worker takes over.
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
                JobServiceImpl.named("kato-build-heartbeat"));
        try {
            heartbeat.scheduleWithFixedDelay(() -> beat(context), 10, 10, TimeUnit.SECONDS);
            Thread worker = Thread.currentThread();
            // a cancel is a status in the store (any node may take it): the job thread is interrupted,
            // which makes the runtime kill the running step and everything it started
            heartbeat.scheduleWithFixedDelay(() -> {
                if (cancelling(build.id())) {
                    worker.interrupt();
                }
            }, 500, 500, TimeUnit.MILLISECONDS);
            Component component = store.inTransaction(tx -> new ComponentRows(tx).byId(build.componentId()))
                    .orElseThrow(() -> new JobFailedException("The component was deleted"));
            Built built;
            if (component.sourceKind() == io.kato.api.model.SourceKind.IMAGE) {
                built = images.pull(component, context);
            } else {
                workspace = sources.workspace("build-" + build.id());
                built = build(build, workspace, context);
            }
            int number = succeed(build, built, heartbeat);
            context.log("Version " + number + " built");
            return "version " + number;
        } catch (SourceFetchException | JobFailedException | RuntimeFailure | BuildPlanException e) {
            end(build, Build.FAILED, e.getMessage(), heartbeat);
            throw new JobFailedException(e.getMessage());
        } catch (KatoException e) {
            end(build, Build.FAILED, e.getMessage(), heartbeat);
            throw new JobFailedException(e.getMessage());
        } catch (IOException e) {
            String message = "The build could not use its workspace: " + e.getMessage();
            end(build, Build.FAILED, message, heartbeat);
            throw new JobFailedException(message);
        } catch (RuntimeException e) {
            LOG.error("Build {} failed unexpectedly", build.id(), e);
            String message = "The build failed inside the server (" + e.getClass().getSimpleName() + "); an admin"
                    + " finds the details in the log under build " + build.id();
            end(build, Build.FAILED, message, heartbeat);
            throw new JobFailedException(message);
        } finally {
            heartbeat.shutdownNow();
            try {
                heartbeat.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException late) {
                // a cancel's interrupt that came as the build ended: cleared below
            }
            Thread.interrupted(); // the worker thread runs other jobs next
            if (workspace != null) {
                deleteWorkspace(workspace);
            }
        }
    }

    /**
     * A killed step's children may still be writing into the workspace for a moment: a
     * deletion that fails is tried again, and one that fails twice is logged, never put in
     * place of the build's outcome.
     */
    private static void deleteWorkspace(Path workspace) {
        for (int attempt = 1; ; attempt++) {
            try {
                Workspaces.delete(workspace);
                return;
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 2) {
                    LOG.warn("Build workspace {} is left on disk: {}", workspace, e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException late) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** What a build made, to be recorded as its version once the build is known not to be cancelled. */
    record Built(Component component, String strategy, String artifact, List<String> startCommand,
                 FetchResult fetched) {
    }

    private Built build(BuildRows.Build build, Path workspace, JobContext context) throws IOException {
        record Inputs(Component component, Team team, SourceCheckRows.Row check) {
        }
        Inputs in = store.inTransaction(tx -> {
            Component c = new ComponentRows(tx).byId(build.componentId())
                    .orElseThrow(() -> new JobFailedException("The component was deleted"));
            Team t = new TeamRows(tx).byId(c.teamId()).orElseThrow(() -> new JobFailedException("The team was deleted"));
            SourceCheckRows.Row check = new SourceCheckRows(tx).byId(c.source().checkId())
                    .orElseThrow(() -> new JobFailedException("The source check the component was made from is gone:"
                            + " create the component from a new check"));
            return new Inputs(c, t, check);
        });
        Runtime runtime = runtimes.forTeam(in.team().id()).orElseThrow(() -> new JobFailedException("No runtime '"
                + runtimes.nameFor(in.team().id()) + "' is installed to build on"));
        FetchResult fetched = sources.fetch(in.check(), workspace, context::log);
        Path root = SourceWorkspaces.folder(workspace, in.component().source().subdir());
        FileSourceTree tree = FileSourceTree.index(root, sources.config().maxFiles());
        context.log("Indexed " + tree.files().size() + " files");
        Detection detection = detection(in.check(), in.component().language());
        BuildContext buildContext = new BuildContext(tree, detection, buildEnv(in.component()),
                in.team().environment());
        BuildStrategy strategy = strategies.choose(buildContext).orElseThrow(() -> new JobFailedException(
                "No installed build strategy builds " + in.component().language() + " (installed: "
                        + (strategies.names().isEmpty() ? "none" : strategies.names()) + ")"));
        BuildPlan plan = strategy.plan(buildContext);
        context.log("Building with '" + strategy.name() + "': " + plan.steps().size() + " step(s) on the "
                + runtime.name() + " runtime");
        Path cache = Files.createDirectories(cacheRoot.resolve(in.component().id()));
        LogSink masked = maskingSecrets(in.component(), context);
        String artifact = runtime.build(new BuildRequest(in.component().id(), build.id(), root, cache,
                buildContext.buildEnv()), plan, masked);
        // an image starts with its own command (the recipe's CMD); the plan's is for processes on a host
        return new Built(in.component(), strategy.name(), artifact, runtime.runsImages() ? List.of()
                : plan.startCommand(), fetched);
    }

    /** What the check found for the component's language (the primary one when that is gone). */
    private static Detection detection(SourceCheckRows.Row check, String language) {
        SourceCheck model = SourceCheckServiceImpl.toModel(check);
        List<Detection> found = model.report() == null ? List.of() : model.report().languages();
        return found.stream().filter(d -> d.language().equals(language)).findFirst()
                .or(() -> found.stream().findFirst())
                .orElseThrow(() -> new JobFailedException("The source check found no language to build"));
    }

    /**
     * The build log, with the values of the component's secret variables masked: a build
     * step may well print its environment, and event logs are readable by viewers.
     */
    private LogSink maskingSecrets(Component c, JobContext context) {
        List<String> secretValues = c.env().stream().filter(EnvVar::secret).map(secrets::open)
                .filter(v -> v.length() >= 3).toList();
        return line -> {
            String shown = line;
            for (String secret : secretValues) {
                shown = shown.replace(secret, EnvVar.MASK);
            }
            context.log(shown);
        };
    }

    /** Build-scope env vars, secrets opened: the build runs with them; the log masks them. */
    private Map<String, String> buildEnv(Component c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar v : c.env()) {
            if (v.scope() == EnvScope.BUILD) {
                env.put(v.name(), secrets.open(v));
            }
        }
        return env;
    }

    /**
     * Ends the build succeeded and records its version in one transaction, so a cancel that
     * lands meanwhile leaves no version behind: the build then ends cancelled instead.
     */
    private int succeed(BuildRows.Build build, Built b, ScheduledExecutorService watchers) throws IOException {
        stop(watchers);
        Component c = b.component();
        String start = SourceCheckServiceImpl.JSON.writeValueAsString(b.startCommand());
        record Outcome(int number, String cancelled) {
        }
        for (int attempt = 0; ; attempt++) {
            try {
                Outcome o = store.inTransaction(tx -> {
                    BuildRows rows = new BuildRows(tx);
                    int number = rows.nextNumber(c.id());
                    if (!rows.moveBuild(build.id(), Build.RUNNING, Build.SUCCEEDED, "version " + number,
                            Instant.now())) {
                        return new Outcome(0, cancel(rows, build));
                    }
                    FetchResult f = b.fetched();
                    rows.insertVersion(new BuildRows.VersionRow(Rows.newId(), c.id(), number, build.id(),
                            b.strategy(), b.artifact(), start, f.revision(), f.ref(), cut(f.author(), 255),
                            cut(f.message(), 1000), Instant.now()));
                    return new Outcome(number, null);
                });
                if (o.cancelled() != null) {
                    throw new JobFailedException(o.cancelled());
                }
                return o.number();
            } catch (DuplicateKeyException e) {
                if (attempt > 2) {
                    throw e; // numbers are taken under a unique key; a race is retried, not ignored
                }
            }
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * Ends the build; one asked to stop ends cancelled instead, whatever happened meanwhile
     * (the job's event then fails with the cancel's message).
     */
    private void end(BuildRows.Build build, String status, String message, ScheduledExecutorService watchers) {
        stop(watchers);
        String cancelled = store.inTransaction(tx -> {
            BuildRows rows = new BuildRows(tx);
            return rows.moveBuild(build.id(), Build.RUNNING, status, message == null ? null : cut(message, 2000),
                    Instant.now()) ? null : cancel(rows, build);
        });
        if (cancelled != null) {
            throw new JobFailedException(cancelled);
        }
    }

    /** A build asked to stop ends cancelled, with the cancel's message, which is returned. */
    private static String cancel(BuildRows rows, BuildRows.Build build) {
        String by = rows.build(build.id()).map(BuildRows.Build::message).orElse("Cancelled");
        rows.moveBuild(build.id(), Build.CANCELLING, Build.CANCELLED, by, Instant.now());
        return by;
    }

    /**
     * The store must not see an interrupt (Derby fails the transaction; a cancel shows in the
     * status anyway): the cancel watcher stops for good, then the flag is cleared.
     */
    private static void stop(ScheduledExecutorService watchers) {
        watchers.shutdownNow();
        for (int i = 0; i < 2; i++) {
            try {
                watchers.awaitTermination(2, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException lastOne) {
                // the watcher's last interrupt: wait again for it to be gone
            }
        }
        Thread.interrupted();
    }

    private boolean cancelling(String buildId) {
        try {
            return store.inTransaction(tx -> new BuildRows(tx).build(buildId)).map(b -> b.status()
                    .equals(Build.CANCELLING)).orElse(false);
        } catch (RuntimeException e) {
            return false; // the store is busy: the next check decides
        }
    }

    private static void beat(JobContext context) {
        try {
            context.heartbeat();
        } catch (RuntimeException e) {
            LOG.warn("Build job {} lost its lease: {}", context.jobId(), e.getMessage());
        }
    }
}
