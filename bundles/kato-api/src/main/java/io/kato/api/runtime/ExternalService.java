package io.kato.api.runtime;

import io.kato.api.model.Port;
import java.util.List;

/**
 * A third-party component as a runtime sees it: a name in the team, one port, and the
 * addresses of its ready endpoints ({@code host:port}; a host may be a domain name).
 */
public record ExternalService(String componentId, String name, String team, Port port, List<String> addresses) {
    public ExternalService {
        addresses = List.copyOf(addresses);
    }
}
