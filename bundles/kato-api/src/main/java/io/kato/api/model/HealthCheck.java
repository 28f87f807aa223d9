package io.kato.api.model;

/**
 * How Kato checks a third-party component's endpoints: a TCP connect or an HTTP GET that
 * must answer below 400, every {@code periodSeconds}. An endpoint goes offline after
 * {@code failureThreshold} failures in a row and comes back after {@code successThreshold}
 * successes.
 *
 * @param kind             {@code tcp} (default), {@code http}, or {@code none} (trust the registration)
 * @param path             the HTTP path (default {@code /})
 * @param periodSeconds    1 to 3600 (default 10)
 * @param timeoutSeconds   1 to 60 (default 3)
 * @param failureThreshold 1 to 100 (default 3)
 * @param successThreshold 1 to 100 (default 1)
 */
public record HealthCheck(String kind, String path, Integer periodSeconds, Integer timeoutSeconds,
                          Integer failureThreshold, Integer successThreshold) {
    public static final HealthCheck DEFAULT = new HealthCheck("tcp", null, 10, 3, 3, 1);
}
