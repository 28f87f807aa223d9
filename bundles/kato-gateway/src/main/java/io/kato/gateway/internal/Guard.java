package io.kato.gateway.internal;

import io.kato.api.gateway.GatewayPolicy;
import io.kato.api.gateway.RouteTable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry-network part of the gateway: a component's address lists and rate limit
 * (from {@link GatewayPolicy}), checked before a request is proxied.
 */
final class Guard {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Null when the request may pass (taking one request of the component's rate), else what
     * the client is told.
     */
    Problem check(RouteTable.Route route, String clientAddress) {
        GatewayPolicy policy = route.policy();
        if (!policy.allow().isEmpty() || !policy.deny().isEmpty()) {
            InetAddress client;
            try {
                client = InetAddress.getByName(clientAddress); // Jetty gives the peer's literal address: no lookup
            } catch (UnknownHostException e) {
                client = null;
            }
            if (client == null || !policy.admits(client)) {
                return new Problem(403, "Address refused", "Component '" + route.component() + "' of team '"
                        + route.team() + "' does not admit requests from " + clientAddress + ": its entry-network"
                        + " plugin's ALLOW and DENY lists decide who may reach it");
            }
        }
        int rate = policy.requestsPerSecond();
        String key = route.team() + "/" + route.component();
        if (rate == 0) {
            buckets.remove(key);
            return null;
        }
        if (!buckets.computeIfAbsent(key, k -> new Bucket()).take(rate, System.nanoTime())) {
            return new Problem(429, "Too many requests", "Component '" + route.component() + "' of team '"
                    + route.team() + "' takes at most " + rate + " requests a second: retry in a second");
        }
        return null;
    }

    /**
     * A token bucket holding up to one second of requests, refilled continuously: a burst of
     * {@code rate} passes at once, then {@code rate} a second.
     */
    private static final class Bucket {
        private double tokens = -1;
        private long last;

        synchronized boolean take(int rate, long now) {
            if (tokens < 0) {
                tokens = rate;
            } else {
                tokens = Math.min(rate, tokens + (now - last) * rate / 1e9);
            }
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
