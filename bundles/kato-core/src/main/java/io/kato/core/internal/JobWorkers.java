package io.kato.core.internal;

import io.kato.api.job.JobContext;
import io.kato.api.job.JobFailedException;
import io.kato.api.job.JobHandler;
import io.kato.api.model.EventStatus;
import io.kato.store.EventRows;
import io.kato.store.JobRows;
import io.kato.store.JobRows.LeasedJob;
import io.kato.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases persisted jobs and runs them with their handlers. A lease is a compare-and-set
 * in the store, so each attempt runs on exactly one worker, even across Kato nodes; a
 * worker that dies stops renewing, its lease expires, and another worker retries the job
 * — or, after the last attempt, fails it visibly with its event.
 */
final class JobWorkers {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);
    private final Store store;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final Executor executor;
    private final int capacity;
    private final AtomicInteger busy = new AtomicInteger();
    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();

    JobWorkers(Store store, Clock clock, String owner, Duration lease, Executor executor, int capacity) {
        this.store = store;
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
        this.executor = executor;
        this.capacity = capacity;
    }

    void addHandler(String kind, JobHandler handler) {
        handlers.put(kind, handler);
    }

    void removeHandler(String kind, JobHandler handler) {
        handlers.remove(kind, handler);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Leases what this worker has room for and hands it to the executor; returns how many. */
    int pollOnce() {
        int room = capacity - busy.get();
        if (room <= 0 || handlers.isEmpty()) {
            return 0;
        }
        Instant now = now();
        List<LeasedJob> candidates = store.inTransaction(tx -> new JobRows(tx).candidates(
                List.copyOf(handlers.keySet()), now, room));
        int started = 0;
        for (LeasedJob job : candidates) {
            if (job.job().attempts() >= job.job().maxAttempts()) {
                failExhausted(job, now);
                continue;
            }
            boolean won = store.inTransaction(tx -> new JobRows(tx).lease(job, owner, now.plus(lease), now));
            if (won) {
                busy.incrementAndGet();
                started++;
                executor.execute(() -> {
                    try {
                        run(job);
                    } finally {
                        busy.decrementAndGet();
                    }
                });
            }
        }
        return started;
    }

    private void failExhausted(LeasedJob job, Instant now) {
        String reason = "Its worker stopped during the last of " + job.job().maxAttempts() + " attempts";
        boolean failed = store.inTransaction(tx -> {
            if (!new JobRows(tx).failExhausted(job, reason, now)) {
                return false;
            }
            if (job.job().eventId() != null) {
                new EventRows(tx).finish(job.job().eventId(), EventStatus.FAILED, reason, now);
            }
            return true;
        });
        if (failed) {
            LOG.warn("Job {} ({}) failed: {}", job.id(), job.job().kind(), reason);
        }
    }

    private void run(LeasedJob job) {
        JobHandler handler = handlers.get(job.job().kind());
        int attempt = job.job().attempts() + 1;
        Context context = new Context(job, attempt);
        String status;
        String result;
        if (job.job().eventId() != null) {
            LOG_FLUSHES.execute(() -> context.log.flushEvery(LOG_FLUSH_MILLIS));
        }
        try {
            if (handler == null) {
                throw new IllegalStateException("No handler for job kind '" + job.job().kind() + "' any more");
            }
            result = handler.run(context);
            status = JobRows.SUCCEEDED;
        } catch (Exception e) {
            result = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            // Not the last attempt: give the job back by letting the lease lapse at once.
            boolean retry = attempt < job.job().maxAttempts() && !(e instanceof JobFailedException);
            status = retry ? JobRows.QUEUED : JobRows.FAILED;
            LOG.warn("Job {} ({}) attempt {} failed: {}", job.id(), job.job().kind(), attempt, result);
        }
        context.log.close(); // every line is in the event before the event ends
        finish(job, status, result);
    }

    private void finish(LeasedJob job, String status, String result) {
        Instant now = now();
        store.inTransaction(tx -> {
            if (!new JobRows(tx).finish(job.id(), owner, status, result, now)) {
                LOG.warn("Job {} lost its lease before it finished; its result was dropped", job.id());
                return null;
            }
            if (job.job().eventId() != null && !JobRows.QUEUED.equals(status)) {
                new EventRows(tx).finish(job.job().eventId(),
                        JobRows.SUCCEEDED.equals(status) ? EventStatus.SUCCEEDED : EventStatus.FAILED,
                        result == null ? "" : result, now);
            }
            return null;
        });
    }

    /** How often buffered log lines reach the event; a line is readable (and followed) within this time. */
    static final long LOG_FLUSH_MILLIS = 250;
    /** Most log text one event keeps; a build printing more keeps its first part and says so. */
    static final int MAX_EVENT_LOG_CHARS = 8 * 1024 * 1024;
    private static final Executor LOG_FLUSHES = java.util.concurrent.Executors.newCachedThreadPool(
            JobServiceImpl.named("kato-job-log"));

    /**
     * An event's log as a job writes it: lines gather in memory and go to the store in one
     * transaction every {@link #LOG_FLUSH_MILLIS}, not one each (a build printing thousands
     * of lines would otherwise spend seconds in commits and re-read the growing log each time).
     */
    private final class EventLog {
        private final String eventId;
        private final StringBuilder pending = new StringBuilder();
        private int written;
        private boolean closed;
        private boolean truncated;
        private final Object flushing = new Object();

        EventLog(String eventId) {
            this.eventId = eventId;
        }

        synchronized void line(String line) {
            if (eventId == null || closed) {
                return;
            }
            if (written + pending.length() + line.length() + 1 > MAX_EVENT_LOG_CHARS) {
                if (!truncated) {
                    truncated = true;
                    pending.append("[log cut at ").append(MAX_EVENT_LOG_CHARS / (1024 * 1024))
                            .append(" MB: later lines were dropped]\n");
                }
                return;
            }
            pending.append(line).append('\n');
        }

        /** Runs on a flusher thread until the log is closed. */
        void flushEvery(long millis) {
            try {
                while (!isClosed()) {
                    Thread.sleep(millis);
                    flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized boolean isClosed() {
            return closed;
        }

        /** One flush at a time, so that batches reach the store in the order they were written. */
        void flush() {
            synchronized (flushing) {
                String text;
                synchronized (this) {
                    if (pending.length() == 0) {
                        return;
                    }
                    text = pending.toString();
                    pending.setLength(0);
                    written += text.length();
                }
                try {
                    store.inTransaction(tx -> {
                        new EventRows(tx).appendLog(eventId, text);
                        return null;
                    });
                } catch (RuntimeException e) {
                    LOG.warn("Log lines of event {} could not be stored: {}", eventId, e.getMessage());
                }
            }
        }

        /** Writes what is left; later lines are dropped. */
        void close() {
            synchronized (this) {
                closed = true;
            }
            flush();
        }
    }

    private final class Context implements JobContext {
        private final LeasedJob job;
        private final int attempt;
        final EventLog log;

        Context(LeasedJob job, int attempt) {
            this.job = job;
            this.attempt = attempt;
            this.log = new EventLog(job.job().eventId());
        }

        @Override
        public String jobId() {
            return job.id();
        }

        @Override
        public String kind() {
            return job.job().kind();
        }

        @Override
        public String payload() {
            return job.payload();
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public String eventId() {
            return job.job().eventId();
        }

        @Override
        public void log(String line) {
            log.line(line);
        }

        @Override
        public void heartbeat() {
            Instant now = now();
            if (!store.inTransaction(tx -> new JobRows(tx).renew(job.id(), owner, now.plus(lease), now))) {
                throw new IllegalStateException("Lease of job " + job.id() + " was lost to another worker");
            }
        }
    }
}
