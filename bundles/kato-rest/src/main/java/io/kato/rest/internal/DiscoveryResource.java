package io.kato.rest.internal;

import io.kato.api.UnauthenticatedException;
import io.kato.api.service.PluginInstallService;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

/**
 * Active discovery: an installed plugin reads its resolved configuration here, with the
 * token of its installation ({@code Authorization: Bearer $KATO_DISCOVERY_TOKEN}) rather
 * than a user's token, so {@link AuthFilter} lets these paths through to check it here.
 */
@Path("v1/discovery/{team}/{component}/{plugin}")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {
    static final String PATH_PREFIX = "v1/discovery/";
    private final PluginInstallService installs;

    DiscoveryResource(PluginInstallService installs) {
        this.installs = installs;
    }

    /** {@code base_ports}, {@code base_services} and {@code base_normal}, each with the values the user set. */
    @GET
    public Map<String, Object> discover(@PathParam("team") String team, @PathParam("component") String component,
                                        @PathParam("plugin") String plugin,
                                        @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthenticatedException("Send the plugin's discovery token: 'Authorization: Bearer"
                    + " $KATO_DISCOVERY_TOKEN'");
        }
        return installs.discovery(team, component, plugin, authorization.substring(7).strip());
    }
}
