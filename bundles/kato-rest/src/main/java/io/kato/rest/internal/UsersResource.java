package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.Durations;
import io.kato.api.model.ApiToken;
import io.kato.api.model.User;
import io.kato.api.service.AccessService;
import io.kato.api.service.AccessService.IssuedToken;
import io.kato.api.service.AccessService.UserDraft;
import java.time.Duration;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/** Users and their API tokens. */
@Path("v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {
    private final AccessService access;

    UsersResource(AccessService access) {
        this.access = access;
    }

    /** The body of a token request: a name and an optional ISO-8601 lifetime such as {@code P30D}. */
    public record TokenRequest(String name, String ttl) {
    }

    @GET
    public ResourceSupport.PageBody<User> list(@QueryParam("offset") Integer offset,
                                               @QueryParam("limit") Integer limit, @Context SecurityContext sc) {
        return ResourceSupport.body(access.listUsers(actor(sc), ResourceSupport.page(offset, limit)));
    }

    @POST
    public Response create(UserDraft draft, @Context SecurityContext sc) {
        User u = access.createUser(actor(sc), draft);
        return ResourceSupport.created(u, u.version());
    }

    @GET
    @Path("{user}")
    public Response get(@PathParam("user") String user, @Context SecurityContext sc) {
        User u = access.getUser(actor(sc), user);
        return ResourceSupport.ok(u, u.version());
    }

    @DELETE
    @Path("{user}")
    public Response delete(@PathParam("user") String user, @Context SecurityContext sc) {
        access.deleteUser(actor(sc), user);
        return Response.noContent().build();
    }

    @GET
    @Path("{user}/tokens")
    public List<ApiToken> tokens(@PathParam("user") String user, @Context SecurityContext sc) {
        return access.tokens(actor(sc), user);
    }

    /** Issues a token; the response is the only time its secret is shown. */
    @POST
    @Path("{user}/tokens")
    public Response issue(@PathParam("user") String user, TokenRequest request, @Context SecurityContext sc) {
        Duration ttl = Durations.parse("ttl", request == null ? null : request.ttl());
        IssuedToken issued = access.issueToken(actor(sc), user, request == null ? null : request.name(), ttl);
        return Response.status(Response.Status.CREATED).entity(issued)
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("{user}/tokens/{token}")
    public Response revoke(@PathParam("user") String user, @PathParam("token") String token,
                           @Context SecurityContext sc) {
        access.revokeToken(actor(sc), user, token);
        return Response.noContent().build();
    }
}
