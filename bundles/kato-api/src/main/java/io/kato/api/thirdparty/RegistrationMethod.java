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
 * current endpoint list to the sink whenever it changes. Closing the returned handle stops
 * all of that.
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

    /** Starts keeping one component's endpoints current. */
    AutoCloseable start(String componentId, Map<String, String> config, EndpointSink sink);

    /** Receives endpoint lists; provided by the core. */
    interface EndpointSink {
        void endpoints(List<Endpoint> endpoints);
    }

    /** One instance of the outside service. */
    record Endpoint(String host, int port, boolean online) {
    }
}
