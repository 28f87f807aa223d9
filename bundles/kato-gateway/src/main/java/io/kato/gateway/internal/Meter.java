package io.kato.gateway.internal;

import io.kato.api.gateway.ComponentPerformance;
import io.kato.api.gateway.GatewayMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The performance-analysis part of the gateway: per component, totals and a response-time
 * histogram (for Prometheus) and a ring of one-second slots covering the last minute (for
 * people). Recording costs a few adders and one short lock on the component's ring.
 */
final class Meter implements GatewayMetrics {
    static final int WINDOW_SECONDS = 60;
    private static final double[] BOUNDS = ComponentPerformance.BUCKET_SECONDS.stream().mapToDouble(d -> d).toArray();
    private final Map<Key, Stats> stats = new ConcurrentHashMap<>();
    private final LongSupplier nanos;

    Meter() {
        this(System::nanoTime);
    }

    /** With a clock of its own, for tests that step through the window. */
    Meter(LongSupplier nanos) {
        this.nanos = nanos;
    }

    private record Key(String team, String component) {
    }

    /** One answered request: its status and how long it took, in nanoseconds. */
    void record(String team, String component, int status, long tookNanos) {
        stats.computeIfAbsent(new Key(team, component), k -> new Stats()).add(status >= 500, tookNanos,
                TimeUnit.NANOSECONDS.toSeconds(nanos.getAsLong()));
    }

    long now() {
        return nanos.getAsLong();
    }

    @Override
    public Optional<ComponentPerformance> performance(String team, String component) {
        Key key = new Key(team, component);
        return Optional.ofNullable(stats.get(key)).map(s -> s.read(key, TimeUnit.NANOSECONDS.toSeconds(
                nanos.getAsLong())));
    }

    @Override
    public List<ComponentPerformance> all() {
        long second = TimeUnit.NANOSECONDS.toSeconds(nanos.getAsLong());
        List<ComponentPerformance> out = new ArrayList<>();
        stats.forEach((k, s) -> out.add(s.read(k, second)));
        out.sort(Comparator.comparing(ComponentPerformance::team).thenComparing(ComponentPerformance::component));
        return out;
    }

    private static final class Stats {
        private final LongAdder requests = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final DoubleAdder seconds = new DoubleAdder();
        private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
        /** Per slot: the second it counts, requests, errors, nanoseconds in all, the longest. */
        private final long[][] ring = new long[WINDOW_SECONDS][5];

        Stats() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void add(boolean error, long tookNanos, long second) {
            requests.increment();
            if (error) {
                errors.increment();
            }
            double s = tookNanos / 1e9;
            seconds.add(s);
            for (int i = 0; i < BOUNDS.length; i++) {
                if (s <= BOUNDS[i]) {
                    buckets[i].increment(); // the first bucket it fits; read() makes them cumulative
                    break;
                }
            }
            synchronized (ring) {
                long[] slot = ring[(int) Math.floorMod(second, (long) WINDOW_SECONDS)]; // nanoTime may be negative
                if (slot[0] != second) {
                    slot[0] = second;
                    slot[1] = slot[2] = slot[3] = slot[4] = 0;
                }
                slot[1]++;
                slot[2] += error ? 1 : 0;
                slot[3] += tookNanos;
                slot[4] = Math.max(slot[4], tookNanos);
            }
        }

        ComponentPerformance read(Key key, long second) {
            long count = 0;
            long failed = 0;
            long total = 0;
            long max = 0;
            synchronized (ring) {
                for (long[] slot : ring) {
                    // the last full minute and the second going on now
                    if (slot[1] > 0 && slot[0] > second - WINDOW_SECONDS && slot[0] <= second) {
                        count += slot[1];
                        failed += slot[2];
                        total += slot[3];
                        max = Math.max(max, slot[4]);
                    }
                }
            }
            List<Long> cumulative = new ArrayList<>();
            long sum = 0;
            for (LongAdder b : buckets) {
                sum += b.sum();
                cumulative.add(sum);
            }
            return new ComponentPerformance(key.team(), key.component(), requests.sum(), errors.sum(), seconds.sum(),
                    cumulative, new ComponentPerformance.Window(WINDOW_SECONDS, count,
                    (double) count / WINDOW_SECONDS, count == 0 ? 0 : (double) failed / count,
                    count == 0 ? 0 : total / 1e6 / count, max / 1e6));
        }
    }
}
