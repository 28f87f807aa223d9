package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.model.Component;
import io.kato.api.model.HealthCheck;
import io.kato.api.model.Port;
import io.kato.api.model.Registration;
import io.kato.api.model.ThirdPartyEndpoint;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Third-party components: services outside the platform, registered so that components can
 * depend on them. Each has exactly one port; its endpoints come from its registration
 * method and are health-checked by Kato. Reading needs a team role; changing, admin or
 * developer. Pushing endpoints (the {@code api} method) needs the component's secret key,
 * not a user.
 */
@ProviderType
public interface ThirdPartyService {
    /**
     * What makes a third-party component.
     *
     * @param port   its one port (its alias names the connection variables, e.g. {@code MYSQL})
     * @param method the registration method's name
     * @param config the method's settings
     * @param health how its endpoints are checked (null: a TCP connect every 10 s)
     */
    record ThirdPartyDraft(String name, String app, String displayName, Port port, String method,
                           Map<String, String> config, HealthCheck health) {
    }

    /** The methods installed now, by name. */
    List<MethodInfo> methods();

    /** One registration method: its name, what its config takes, whether it takes pushes, its bundle. */
    record MethodInfo(String name, String usage, boolean pushed, String bundle) {
    }

    /**
     * Registers the outside service as a component of the team. With a method that takes
     * pushes, the answer's registration carries the secret key, once.
     *
     * @throws io.kato.api.ValidationException naming the field: no port, a method not installed,
     *         a config the method refuses (its words), a health check out of bounds
     */
    Registered create(Actor actor, String team, ThirdPartyDraft draft);

    /** The component made, and its registration. */
    record Registered(Component component, Registration registration) {
    }

    /** @throws io.kato.api.ValidationException when the component is not a third-party one */
    Registration registration(Actor actor, String team, String component);

    /**
     * Changes the method, its config or the health check (null: keep). Endpoints the old
     * method gave go; pushed ones stay while the method takes pushes.
     */
    Registration update(Actor actor, String team, String component, String method, Map<String, String> config,
                        HealthCheck health);

    /** A new secret key for pushing endpoints; the old one stops working at once. */
    Registration rotateKey(Actor actor, String team, String component);

    /**
     * Adds or updates an endpoint, authenticated by the component's secret key (compared in
     * constant time). A host without a port gets the component's port.
     *
     * @throws io.kato.api.UnauthenticatedException for a wrong key, or a component that takes no pushes
     */
    List<ThirdPartyEndpoint> putEndpoint(String team, String component, String secretKey, String address,
                                         boolean online);

    /** The endpoints, authenticated by the secret key. */
    List<ThirdPartyEndpoint> endpoints(String team, String component, String secretKey);

    /** Removes an endpoint, authenticated by the secret key. */
    List<ThirdPartyEndpoint> removeEndpoint(String team, String component, String secretKey, String address);
}
