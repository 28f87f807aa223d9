package io.kato.core.internal;

import io.kato.api.ValidationException;
import io.kato.api.job.JobHandler;
import io.kato.api.job.JobService;
import io.kato.store.JobRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Submits jobs and runs this node's worker pool over the handlers registered right now. */
@Component(service = {JobService.class, JobServiceImpl.class}, immediate = true, configurationPid = "io.kato.core")
@Designate(ocd = CoreConfig.class)
public class JobServiceImpl implements JobService {
    private static final Logger LOG = LoggerFactory.getLogger(JobServiceImpl.class);
    private final Store store;
    private final JobWorkers workers;
    private final ExecutorService pool;
    private final ScheduledExecutorService poller;

    @Activate
    public JobServiceImpl(@Reference Store store, CoreConfig config) {
        this.store = store;
        int size = Math.max(1, config.workers());
        this.pool = Executors.newFixedThreadPool(size, named("kato-job"));
        this.poller = Executors.newSingleThreadScheduledExecutor(named("kato-job-poll"));
        // The owner id is unique per activation, so a restarted node never mistakes an old lease for its own.
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        this.workers = new JobWorkers(store, Clock.systemUTC(), owner, Duration.ofSeconds(config.jobLeaseSeconds()),
                pool, size);
        long period = Math.max(50, config.jobPollMillis());
        poller.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
    }

    /** Looks for queued jobs now rather than at the next poll: a job queued a moment ago starts at once. */
    void wake() {
        try {
            poller.execute(this::poll);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // deactivating: the next start polls anyway
        }
    }

    private void poll() {
        try {
            workers.pollOnce();
        } catch (RuntimeException e) {
            LOG.warn("Job poll failed: {}", e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(JobHandler handler, Map<String, Object> props) {
        if (props.get(JobHandler.KIND_PROPERTY) instanceof String kind) {
            workers.addHandler(kind, handler);
        } else {
            LOG.warn("Job handler {} has no {} property and is ignored", handler, JobHandler.KIND_PROPERTY);
        }
    }

    void removeHandler(JobHandler handler, Map<String, Object> props) {
        if (props.get(JobHandler.KIND_PROPERTY) instanceof String kind) {
            workers.removeHandler(kind, handler);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        poller.shutdownNow();
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            // Running jobs keep their lease until it expires; another node or the next start retries them.
            pool.shutdownNow();
        }
    }

    @Override
    public Job submit(String kind, String payload, String eventId, int maxAttempts) {
        if (kind == null || kind.isBlank()) {
            throw ValidationException.of("kind", "is required");
        }
        if (maxAttempts < 1) {
            throw ValidationException.of("maxAttempts", "must be at least 1");
        }
        String id = Rows.newId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.inTransaction(tx -> {
            new JobRows(tx).insert(id, kind, payload, eventId, maxAttempts, now);
            return null;
        });
        wake();
        return new Job(id, kind, JobRows.QUEUED, 0, maxAttempts, eventId, null);
    }

    @Override
    public Optional<Job> find(String jobId) {
        return store.inTransaction(tx -> new JobRows(tx).byId(jobId)).map(JobRows.LeasedJob::job);
    }

    static java.util.concurrent.ThreadFactory named(String prefix) {
        return r -> {
            Thread t = new Thread(r, prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
            t.setDaemon(true);
            return t;
        };
    }
}
