package io.kato.api.gateway;

import java.util.List;

/**
 * How a component answered through the gateway: totals since measuring began, with the
 * response-time histogram Prometheus reads, and the last minute's throughput, error rate and
 * response times for people.
 *
 * @param team            the component's team
 * @param component       the component's name
 * @param requests        requests answered since measuring began
 * @param errors          of those, answers with a 5xx status (the instance's or the gateway's own)
 * @param responseSeconds the sum of their response times
 * @param buckets         how many took at most each of {@link #BUCKET_SECONDS}, cumulative
 * @param lastMinute      the last sixty seconds
 */
public record ComponentPerformance(String team, String component, long requests, long errors,
                                   double responseSeconds, List<Long> buckets, Window lastMinute) {
    /** Upper bounds of the response-time histogram, in seconds (Prometheus's default buckets). */
    public static final List<Double> BUCKET_SECONDS = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            5.0, 10.0);

    public ComponentPerformance {
        buckets = List.copyOf(buckets);
    }

    /**
     * A stretch of recent time.
     *
     * @param seconds             its length
     * @param requests            requests answered in it
     * @param throughputPerSecond requests a second, on average over it
     * @param errorRate           the share of 5xx answers, 0 to 1 (0 with no request)
     * @param meanResponseMillis  the mean response time (0 with no request)
     * @param maxResponseMillis   the longest response time
     */
    public record Window(int seconds, long requests, double throughputPerSecond, double errorRate,
                         double meanResponseMillis, double maxResponseMillis) {
    }
}
