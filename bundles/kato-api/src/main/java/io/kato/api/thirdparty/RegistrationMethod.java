package io.kato.api.thirdparty;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to register the endpoints of a third-party component (static addresses, API,
 * DNS, a Kubernetes service…).
 *
 * <p><b>Selection rule.</b> By {@link #name()}, which the component's registration names;
 * highest {@code service.ranking}, then lowest {@code service.id}.
 *
 * <p><b>Contract.</b> {@link #validate} does no I/O. {@link #start} returns quickly; a
 * method that polls (DNS, discovery) does so on its own thread, and pushes the full
 * current endpoint list to the sink whenever it changes (a static one pushes once). Closing
 * the returned handle stops all of that. The core health-checks the endpoints it is given.
 *
 * <p><b>Departure.</b> The core closes every handle of a departing method; the components'
 * last known endpoints stay until the method returns or the registration changes.
 */
@ConsumerType
public interface RegistrationMethod {
    /** Stable id ({@code static}, {@code api}, {@code dns}). */
    String name();

    /** Problems with the configuration, empty when it is valid. */
    List<String> validate(Map<String, String> config);

    /**
     * Starts keeping one component's endpoints current.
     *
     * @param port the component's one port, for endpoints registered without one
     */
    AutoCloseable start(String componentId, Map<String, String> config, int port, EndpointSink sink);

    /**
     * Whether the endpoints come from outside, through Kato's API with the component's secret
     * key (the {@code api} method), rather than from the method itself. Kato keeps such
     * endpoints; {@link #start} then has nothing to watch.
     */
    default boolean pushed() {
        return false;
    }

    /** One line for people: what the config takes ({@code addresses: 10.0.0.5:3306, db.example.org}). */
    default String usage() {
        return "";
    }

    /** Receives endpoint lists; provided by the core. */
    interface EndpointSink {
        void endpoints(List<Endpoint> endpoints);
    }

    /**
     * One instance of the outside service.
     *
     * @param host   an IP address or a host name
     * @param port   its port, 1 to 65535
     * @param online whether the registration says it serves (the health check decides too)
     */
    record Endpoint(String host, int port, boolean online) {
        /** {@code host:port}, with an IPv6 address in brackets. */
        public String address() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
