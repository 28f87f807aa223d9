package io.kato.api.gateway;

import io.kato.api.model.Component;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Routes of the gateway. Every component with an outer port gets a default domain,
 * {@code <component>-<team>.<base domain>}, routed to its first outer port.
 *
 * <p><b>Contract.</b> {@link #route} is called for every request, so it answers from memory
 * and never blocks on the store or the workload; a component created or started a moment
 * ago may take up to a couple of seconds to appear. Upstreams are only instances that pass
 * readiness, so a starting, failing or draining instance gets no request.
 */
@ProviderType
public interface RouteTable {
    /**
     * The route for a request to {@code host} (a port in it is ignored, case does not
     * matter) with that path and those headers ({@code header} gives a header's value, or
     * null), or empty when no component answers to it. Custom rules come first (see
     * {@link io.kato.api.model.GatewayRule}), then default domains; a rule's backend is
     * chosen by weight among those with a ready instance.
     */
    Optional<Route> route(String host, String path, java.util.function.Function<String, String> header);

    /**
     * The addresses users reach the component at: its default domain
     * ({@code http://web-shop.localhost:8880/}) when it has an outer port, and the rules that
     * route to it.
     */
    List<String> urls(String team, Component component);

    /**
     * The certificates the gateway presents on its HTTPS port, with their keys in the clear
     * (they never leave the process). Called when {@link #certificatesVersion()} changes.
     */
    List<ServedCertificate> certificates();

    /** Changes whenever a certificate is added or removed; cheap, polled by the gateway. */
    long certificatesVersion();

    /** A domain's certificate chain (PEM, leaf first) and private key (PKCS#8 PEM). */
    record ServedCertificate(String domain, String chainPem, String keyPem) {
    }

    /**
     * Where a request goes.
     *
     * @param team      the component's team
     * @param component the component's name
     * @param running   whether the component is wanted running
     * @param upstreams {@code host:port} of each ready instance; empty when none is ready
     * @param policy    what the gateway does for the component besides routing (from the
     *                  plugins it stands in for); {@link GatewayPolicy#NONE} for routing only
     */
    record Route(String team, String component, boolean running, List<String> upstreams, GatewayPolicy policy) {
        public Route {
            upstreams = List.copyOf(upstreams);
            policy = policy == null ? GatewayPolicy.NONE : policy;
        }

        /** Routing only. */
        public Route(String team, String component, boolean running, List<String> upstreams) {
            this(team, component, running, upstreams, GatewayPolicy.NONE);
        }
    }
}
