package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.service.ThirdPartyService;
import java.net.URI;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/** Registers a service outside the platform as a component of the team. */
@Path("v1/teams/{team}/third-party-components")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ThirdPartyResource {
    private final ThirdPartyService thirdParty;

    ThirdPartyResource(ThirdPartyService thirdParty) {
        this.thirdParty = thirdParty;
    }

    /** 201 with the component and its registration (with the secret key, once, for the api method). */
    @POST
    public Response create(@PathParam("team") String team, ThirdPartyService.ThirdPartyDraft draft,
                           @Context SecurityContext sc) {
        ThirdPartyService.Registered r = thirdParty.create(actor(sc), team, draft);
        return Response.created(URI.create("/api/v1/teams/" + team + "/components/" + r.component().name()))
                .entity(r).build();
    }
}
