package io.kato.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A custom route of the gateway: requests to {@code domain} whose path starts with
 * {@code pathPrefix} (at a segment boundary) and that carry every header in {@code headers}
 * go to one of the backends, chosen by weight — A/B tests, grey releases (90/10),
 * blue-green switches (100/0). Rules win over default domains; among a domain's rules the
 * longest prefix wins, then the one with more headers to match.
 */
public record GatewayRule(String id, String team, String domain, String pathPrefix, Map<String, String> headers,
                          List<Backend> backends, Instant createdAt) {
    public GatewayRule {
        headers = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(headers)); // shown sorted
        backends = List.copyOf(backends);
    }

    /** A component of the rule's team and its share of the requests (0 to 100). */
    public record Backend(String component, int weight) {
    }
}
