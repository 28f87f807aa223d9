package io.kato.api.build;

/**
 * A health probe.
 *
 * @param purpose          liveness (restart when failing) or readiness (take out of the gateway)
 * @param kind             tcp connect, http GET, or a command in the instance
 * @param port             the port probed (tcp, http)
 * @param target           the http path, or the command line for {@code CMD}
 * @param delaySeconds     wait after start before the first probe
 * @param periodSeconds    time between probes
 * @param timeoutSeconds   a probe slower than this fails
 * @param successThreshold consecutive successes to count as healthy
 * @param failureThreshold consecutive failures to count as unhealthy
 */
public record ProbeSpec(Purpose purpose, Kind kind, int port, String target, int delaySeconds, int periodSeconds,
                        int timeoutSeconds, int successThreshold, int failureThreshold) {
    public enum Purpose {
        LIVENESS, READINESS;

        @Override
        public String toString() {
            return io.kato.api.model.WireEnum.name(this);
        }
    }

    public enum Kind {
        TCP, HTTP, CMD;

        @Override
        public String toString() {
            return io.kato.api.model.WireEnum.name(this);
        }
    }
}
