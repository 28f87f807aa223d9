package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.job.JobContext;
import io.kato.api.job.JobHandler;
import io.kato.api.job.JobService.Job;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.model.Team;
import io.kato.store.EventRows;
import io.kato.store.JobRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.TeamRows;
import io.kato.store.internal.TestStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobWorkersTest {
    private static final Instant T0 = Instant.parse("2026-04-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Executor DIRECT = Runnable::run;
    private static final Executor CRASHED = task -> { };
    private static final String KIND = "build";

    private Store store;
    private MutableClock clock;
    private Team team;

    @BeforeEach
    void setUp() {
        store = TestStores.newDerbyStore();
        clock = new MutableClock(T0);
        team = new Team(Rows.newId(), "shop", "Shop", "DEV", 1, T0, T0);
        store.inTransaction(tx -> {
            new TeamRows(tx).insert(team);
            return null;
        });
    }

    private JobWorkers workers(String owner, Executor executor, JobHandler handler) {
        JobWorkers w = new JobWorkers(store, clock, owner, LEASE, executor, 2);
        w.addHandler(KIND, handler);
        return w;
    }

    private String event() {
        String id = Rows.newId();
        store.inTransaction(tx -> {
            new EventRows(tx).insert(new Event(id, team.id(), "component", "api", "build", "alice",
                    EventStatus.RUNNING, "", T0, null));
            return null;
        });
        return id;
    }

    private String job(String payload, String eventId, int maxAttempts) {
        String id = Rows.newId();
        store.inTransaction(tx -> {
            new JobRows(tx).insert(id, KIND, payload, eventId, maxAttempts, T0);
            return null;
        });
        return id;
    }

    private Job jobRow(String id) {
        return store.inTransaction(tx -> new JobRows(tx).byId(id)).orElseThrow().job();
    }

    private Event eventRow(String id) {
        return store.inTransaction(tx -> new EventRows(tx).byId(team.id(), id)).orElseThrow();
    }

    private String eventLog(String id) {
        return store.inTransaction(tx -> new EventRows(tx).log(id));
    }

    /** Records every attempt it is given. */
    static final class RecordingHandler implements JobHandler {
        final List<String> runs = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String run(JobContext context) throws Exception {
            runs.add(context.jobId());
            attempts.add(context.attempt());
            return "ok";
        }
    }

    @Test
    void aSubmittedJobRunsExactlyOnceAndSucceedsItsEventWithItsLog() {
        String eventId = event();
        String jobId = job("{\"component\":\"api\"}", eventId, 3);
        List<String> seenPayloads = new ArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        JobWorkers w = workers("node-a", DIRECT, ctx -> {
            runs.incrementAndGet();
            seenPayloads.add(ctx.payload());
            assertEquals(KIND, ctx.kind());
            assertEquals(eventId, ctx.eventId());
            assertEquals(1, ctx.attempt());
            ctx.log("step 1: fetch");
            ctx.heartbeat();
            ctx.log("step 2: build");
            return "built v1";
        });

        assertEquals(1, w.pollOnce());
        assertEquals(0, w.pollOnce(), "a finished job is not run again");
        assertEquals(0, w.pollOnce());

        assertEquals(1, runs.get());
        assertEquals(List.of("{\"component\":\"api\"}"), seenPayloads);
        Job job = jobRow(jobId);
        assertEquals(JobRows.SUCCEEDED, job.status());
        assertEquals(1, job.attempts());
        assertEquals("built v1", job.result());
        Event event = eventRow(eventId);
        assertEquals(EventStatus.SUCCEEDED, event.status());
        assertEquals("built v1", event.message());
        assertNotNull(event.finishedAt());
        assertEquals("step 1: fetch\nstep 2: build\n", eventLog(eventId));
    }

    @Test
    void jobsOfKindsWithoutAHandlerStayQueued() {
        String jobId = job(null, null, 1);
        JobWorkers w = new JobWorkers(store, clock, "node-a", LEASE, DIRECT, 2);
        assertEquals(0, w.pollOnce());
        w.addHandler("other-kind", ctx -> "x");
        assertEquals(0, w.pollOnce());
        assertEquals(JobRows.QUEUED, jobRow(jobId).status());
        assertEquals(0, jobRow(jobId).attempts());
    }

    @Test
    void aFailingHandlerIsRetriedUntilMaxAttemptsThenTheJobAndEventFail() {
        String eventId = event();
        String jobId = job("{}", eventId, 3);
        List<Integer> attempts = new ArrayList<>();
        JobWorkers w = workers("node-a", DIRECT, ctx -> {
            attempts.add(ctx.attempt());
            ctx.log("attempt " + ctx.attempt());
            throw new IllegalStateException("compiler exploded on attempt " + ctx.attempt());
        });

        assertEquals(1, w.pollOnce());
        Job afterFirst = jobRow(jobId);
        assertEquals(JobRows.QUEUED, afterFirst.status(), "given back for another attempt");
        assertEquals(1, afterFirst.attempts());
        assertEquals(EventStatus.RUNNING, eventRow(eventId).status(), "the event waits for the last attempt");

        assertEquals(1, w.pollOnce());
        assertEquals(1, w.pollOnce());
        assertEquals(0, w.pollOnce(), "no attempt after the last");

        assertEquals(List.of(1, 2, 3), attempts);
        Job job = jobRow(jobId);
        assertEquals(JobRows.FAILED, job.status());
        assertEquals(3, job.attempts());
        assertEquals("compiler exploded on attempt 3", job.result());
        Event event = eventRow(eventId);
        assertEquals(EventStatus.FAILED, event.status());
        assertEquals("compiler exploded on attempt 3", event.message());
        assertEquals("attempt 1\nattempt 2\nattempt 3\n", eventLog(eventId));
    }

    @Test
    void anExceptionWithoutAMessageFailsWithItsTypeName() {
        String eventId = event();
        String jobId = job("{}", eventId, 1);
        JobWorkers w = workers("node-a", DIRECT, ctx -> {
            throw new UnsupportedOperationException();
        });
        w.pollOnce();
        assertEquals(JobRows.FAILED, jobRow(jobId).status());
        assertEquals("UnsupportedOperationException", eventRow(eventId).message());
    }

    @Test
    void ofTwoWorkersThatSeeTheSameJobOnlyOneRunsIt() {
        String jobId = job("{}", null, 3);
        RecordingHandler handler = new RecordingHandler();
        JobWorkers b = workers("node-b", DIRECT, handler);
        // node-a reads the candidates, then node-b polls before node-a tries to lease.
        Store interleaving = new Store() {
            private boolean first = true;

            @Override
            public <T> T inTransaction(Work<T> work) {
                T result = store.inTransaction(work);
                if (first) {
                    first = false;
                    assertEquals(1, b.pollOnce(), "node-b takes the job");
                }
                return result;
            }

            @Override
            public String product() {
                return store.product();
            }
        };
        JobWorkers a = new JobWorkers(interleaving, clock, "node-a", LEASE, DIRECT, 2);
        a.addHandler(KIND, handler);

        assertEquals(0, a.pollOnce(), "node-a loses the lease it read as free");
        assertEquals(List.of(jobId), handler.runs);
        assertEquals(JobRows.SUCCEEDED, jobRow(jobId).status());
        assertEquals(1, jobRow(jobId).attempts());
    }

    @Test
    void workersPollingConcurrentlyRunEachJobExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(job("{\"n\":" + i + "}", null, 1));
        }
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        JobHandler handler = ctx -> {
            runs.computeIfAbsent(ctx.jobId(), k -> new AtomicInteger()).incrementAndGet();
            return "ok";
        };
        List<JobWorkers> nodes = List.of(workers("node-a", DIRECT, handler), workers("node-b", DIRECT, handler),
                workers("node-c", DIRECT, handler));
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (JobWorkers node : nodes) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (int round = 0; round < 20; round++) {
                        node.pollOnce();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(ids.size(), runs.size(), "every job ran");
        runs.forEach((id, count) -> assertEquals(1, count.get(), "job " + id + " ran " + count + " times"));
        for (String id : ids) {
            assertEquals(JobRows.SUCCEEDED, jobRow(id).status());
            assertEquals(1, jobRow(id).attempts());
        }
    }

    @Test
    void aJobLeasedByACrashedWorkerIsRunByAnotherAfterTheLeaseExpires() {
        String eventId = event();
        String jobId = job("{}", eventId, 3);
        RecordingHandler handler = new RecordingHandler();
        JobWorkers crashed = workers("node-a", CRASHED, handler);
        JobWorkers healthy = workers("node-b", DIRECT, handler);

        assertEquals(1, crashed.pollOnce(), "node-a leased it, then died");
        assertEquals(JobRows.RUNNING, jobRow(jobId).status());
        assertEquals(0, healthy.pollOnce(), "a live lease hides the job");

        clock.advance(LEASE.minusSeconds(1));
        assertEquals(0, healthy.pollOnce(), "still within the lease");

        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, healthy.pollOnce());
        assertEquals(List.of(jobId), handler.runs);
        assertEquals(List.of(2), handler.attempts, "the crashed attempt counts");
        assertEquals(JobRows.SUCCEEDED, jobRow(jobId).status());
        assertEquals(EventStatus.SUCCEEDED, eventRow(eventId).status());
    }

    @Test
    void aCrashedWorkerThatComesBackCannotFinishAJobItLost() {
        String jobId = job("{}", null, 3);
        List<Runnable> parked = new ArrayList<>();
        JobWorkers slow = workers("node-a", parked::add, ctx -> "late result");
        JobWorkers healthy = workers("node-b", DIRECT, ctx -> "fresh result");

        assertEquals(1, slow.pollOnce());
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(1, healthy.pollOnce());
        parked.forEach(Runnable::run);

        Job job = jobRow(jobId);
        assertEquals(JobRows.SUCCEEDED, job.status());
        assertEquals("fresh result", job.result(), "the late result is dropped");
    }

    @Test
    void aWorkerPausedPastItsLeaseCannotRenewItAndOnlyTheNewOwnerRunsTheJob() throws Exception {
        String jobId = job("{}", null, 3);
        List<Runnable> parked = new ArrayList<>();
        CountDownLatch heartbeatTried = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        JobWorkers slow = workers("node-a", parked::add, ctx -> {
            try {
                ctx.heartbeat(); // too late: the lease expired while node-a was paused
            } finally {
                heartbeatTried.countDown();
            }
            ran.add("node-a");
            return "a";
        });
        assertEquals(1, slow.pollOnce());
        clock.advance(LEASE.plusSeconds(1)); // node-a paused (GC, slow disk) past its lease

        ExecutorService nodeAThread = Executors.newSingleThreadExecutor();
        try {
            // node-b reads the job as expired; before it leases, node-a wakes up and tries to renew.
            Store interleaving = new Store() {
                private boolean first = true;

                @Override
                public <T> T inTransaction(Work<T> work) {
                    T result = store.inTransaction(work);
                    if (first) {
                        first = false;
                        nodeAThread.execute(parked.get(0));
                        nodeAThread.shutdown();
                        try {
                            assertTrue(heartbeatTried.await(30, TimeUnit.SECONDS), "node-a tried to renew");
                            // node-a's failed attempt ends (and gives the job back) before node-b acts.
                            assertTrue(nodeAThread.awaitTermination(30, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return result;
                }

                @Override
                public String product() {
                    return store.product();
                }
            };
            JobWorkers fast = new JobWorkers(interleaving, clock, "node-b", LEASE, DIRECT, 2);
            fast.addHandler(KIND, ctx -> {
                ran.add("node-b");
                return "b";
            });
            int started = fast.pollOnce();
            assertEquals(0, started, "node-b's read is stale: node-a gave the job back in between");
            assertEquals(1, fast.pollOnce(), "node-b takes the job on its next poll");
            assertEquals(List.of("node-b"), ran, "one attempt runs, on one worker");
            assertEquals("b", jobRow(jobId).result());
            assertEquals(JobRows.SUCCEEDED, jobRow(jobId).status());
        } finally {
            nodeAThread.shutdownNow();
        }
    }

    @Test
    void aJobWhoseExpiredLeaseWasItsLastAttemptFailsWithoutRunningAgain() {
        String eventId = event();
        String jobId = job("{}", eventId, 1);
        RecordingHandler handler = new RecordingHandler();
        JobWorkers crashed = workers("node-a", CRASHED, handler);
        JobWorkers healthy = workers("node-b", DIRECT, handler);

        assertEquals(1, crashed.pollOnce());
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(0, healthy.pollOnce(), "nothing is started");

        assertEquals(List.of(), handler.runs);
        Job job = jobRow(jobId);
        assertEquals(JobRows.FAILED, job.status());
        assertEquals(1, job.attempts());
        assertTrue(job.result().contains("last of 1 attempts"), job.result());
        Event event = eventRow(eventId);
        assertEquals(EventStatus.FAILED, event.status());
        assertEquals(job.result(), event.message());
        assertEquals(0, healthy.pollOnce());
        assertEquals(JobRows.FAILED, jobRow(jobId).status());
    }

    @Test
    void aWorkerLeasesNoMoreThanItsCapacity() {
        for (int i = 0; i < 3; i++) {
            job("{}", null, 1);
        }
        List<Runnable> parked = new ArrayList<>();
        JobWorkers w = workers("node-a", parked::add, ctx -> "ok");
        assertEquals(2, w.pollOnce(), "capacity 2");
        assertEquals(0, w.pollOnce(), "full until a job ends");
        parked.remove(0).run();
        assertEquals(1, w.pollOnce());
    }
}
