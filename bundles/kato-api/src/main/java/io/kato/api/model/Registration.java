package io.kato.api.model;

import java.util.List;
import java.util.Map;

/**
 * How a third-party component's endpoints are registered, and what they are now.
 *
 * @param method          the registration method ({@code static}, {@code api}, {@code dns}, {@code kubernetes})
 * @param config          its settings (see {@code GET /api/v1/registration-methods})
 * @param health          how the endpoints are checked
 * @param endpoints       the endpoints, by address
 * @param status          {@code closed} (no endpoint), {@code running} (one at least is ready),
 *                        {@code abnormal} (none is)
 * @param methodAvailable whether a bundle of the method is installed now (the endpoints stay
 *                        as they were while it is not)
 * @param secretKey       the key for pushing endpoints, shown once: when the component is made
 *                        with a method that takes pushes, and when the key is rotated; null otherwise
 */
public record Registration(String method, Map<String, String> config, HealthCheck health,
                           List<ThirdPartyEndpoint> endpoints, String status, Boolean methodAvailable,
                           String secretKey) {
    public static final String CLOSED = "closed";
    public static final String RUNNING = "running";
    public static final String ABNORMAL = "abnormal";

    public Registration {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(config));
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /** The status of a set of endpoints. */
    public static String status(List<ThirdPartyEndpoint> endpoints) {
        return endpoints.isEmpty() ? CLOSED : endpoints.stream().anyMatch(ThirdPartyEndpoint::ready) ? RUNNING
                : ABNORMAL;
    }
}
