package io.kato.registration.api.internal;

import io.kato.api.thirdparty.RegistrationMethod;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Endpoints pushed from outside: whoever runs the service adds, updates and removes its
 * instances with {@code PUT}, {@code GET} and {@code DELETE} on
 * {@code /api/v1/teams/{team}/components/{component}/endpoints}, with the secret key Kato
 * gave the component. Kato keeps what is pushed; this method takes no settings.
 */
@Component(service = RegistrationMethod.class)
public class ApiMethod implements RegistrationMethod {
    @Override
    public String name() {
        return "api";
    }

    @Override
    public String usage() {
        return "no settings: push endpoints to …/components/{component}/endpoints with the secret key";
    }

    @Override
    public boolean pushed() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, String> config) {
        return config.keySet().stream().map(k -> "unknown setting '" + k + "': the api method takes none").toList();
    }

    @Override
    public AutoCloseable start(String componentId, Map<String, String> config, int port, EndpointSink sink) {
        return () -> {
        };
    }
}
