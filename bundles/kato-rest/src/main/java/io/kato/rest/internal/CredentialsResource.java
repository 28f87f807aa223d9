package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.SourceCredential;
import io.kato.api.service.CredentialService;
import io.kato.api.service.CredentialService.CredentialDraft;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/** A team's credentials for private repositories; secrets go in and never come out. */
@Path("v1/teams/{team}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CredentialsResource {
    private final CredentialService credentials;

    CredentialsResource(CredentialService credentials) {
        this.credentials = credentials;
    }

    @GET
    public List<SourceCredential> list(@PathParam("team") String team, @Context SecurityContext sc) {
        return credentials.list(actor(sc), team);
    }

    @POST
    public Response create(@PathParam("team") String team, CredentialDraft draft, @Context SecurityContext sc) {
        return Response.status(Response.Status.CREATED).entity(credentials.create(actor(sc), team, draft))
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("team") String team, @PathParam("name") String name,
                           @Context SecurityContext sc) {
        credentials.delete(actor(sc), team, name);
        return Response.noContent().build();
    }
}
