package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.Component;
import io.kato.api.model.ImageCheck;
import io.kato.api.service.ComponentService;
import io.kato.api.service.ImageCheckService;
import io.kato.api.service.ImageCheckService.ImageCheckRequest;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
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
import javax.ws.rs.core.UriInfo;

/**
 * Image checks: an image, a {@code docker run} line or a compose file (202, follow it by
 * its id or its event), its report, and components made from it.
 */
@Path("v1/teams/{team}/image-checks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImageChecksResource {
    private final ImageCheckService checks;
    private final ComponentService components;

    ImageChecksResource(ImageCheckService checks, ComponentService components) {
        this.checks = checks;
        this.components = components;
    }

    /** The body of a request for components: the application, and the services (all when empty). */
    public record ComponentsRequest(String app, List<String> services) {
    }

    @POST
    public Response start(@PathParam("team") String team, ImageCheckRequest request, @Context UriInfo uri,
                          @Context SecurityContext sc) {
        ImageCheck c = checks.start(actor(sc), team, request);
        URI location = uri.getAbsolutePathBuilder().path(c.id()).build();
        return Response.accepted(c).location(location).build();
    }

    @GET
    public ResourceSupport.PageBody<ImageCheck> list(@PathParam("team") String team,
                                                     @QueryParam("offset") Integer offset,
                                                     @QueryParam("limit") Integer limit,
                                                     @Context SecurityContext sc) {
        return ResourceSupport.body(checks.list(actor(sc), team, ResourceSupport.page(offset, limit)));
    }

    @GET
    @Path("{check}")
    public ImageCheck get(@PathParam("team") String team, @PathParam("check") String check,
                          @Context SecurityContext sc) {
        return checks.get(actor(sc), team, check);
    }

    /** One component per service of the check (or per service named); all or none are created. */
    @POST
    @Path("{check}/components")
    public Response components(@PathParam("team") String team, @PathParam("check") String check,
                               ComponentsRequest request, @Context SecurityContext sc) {
        List<Component> made = components.createFromImages(actor(sc), team, check,
                request == null ? null : request.app(), request == null ? null : request.services());
        return Response.status(Response.Status.CREATED).entity(made).build();
    }
}
