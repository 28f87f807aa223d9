package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.HealthCheck;
import io.kato.api.model.Registration;
import io.kato.api.service.ThirdPartyService;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** A third-party component's registration: method, config, health check, endpoints and status; its key's rotation. */
@Path("v1/teams/{team}/components/{component}/registration")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RegistrationResource {
    private final ThirdPartyService thirdParty;

    RegistrationResource(ThirdPartyService thirdParty) {
        this.thirdParty = thirdParty;
    }

    /** What a change may set; a field left out stays as it is. */
    public record Changes(String method, Map<String, String> config, HealthCheck health) {
    }

    @GET
    public Registration get(@PathParam("team") String team, @PathParam("component") String component,
                            @Context SecurityContext sc) {
        return thirdParty.registration(actor(sc), team, component);
    }

    @PATCH
    public Registration update(@PathParam("team") String team, @PathParam("component") String component,
                               Changes changes, @Context SecurityContext sc) {
        Changes c = changes == null ? new Changes(null, null, null) : changes;
        return thirdParty.update(actor(sc), team, component, c.method(), c.config(), c.health());
    }

    /** A new secret key, in the answer once; the old one stops working at once. */
    @POST
    @Path("rotate-key")
    public Registration rotateKey(@PathParam("team") String team, @PathParam("component") String component,
                                  @Context SecurityContext sc) {
        return thirdParty.rotateKey(actor(sc), team, component);
    }
}
