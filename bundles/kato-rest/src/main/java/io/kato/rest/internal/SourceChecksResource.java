package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.Component;
import io.kato.api.model.SourceCheck;
import io.kato.api.service.ComponentService;
import io.kato.api.service.SourceCheckService;
import io.kato.api.service.SourceCheckService.SourceCheckRequest;
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

/** Source checks: start one (202, follow it by its id or its event), read its report. */
@Path("v1/teams/{team}/source-checks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SourceChecksResource {
    private final SourceCheckService checks;
    private final ComponentService components;

    SourceChecksResource(SourceCheckService checks, ComponentService components) {
        this.checks = checks;
        this.components = components;
    }

    /** The body of a request for one component per module: the application, and optionally a language. */
    public record ModulesRequest(String app, String language) {
    }

    /** One component per runnable module the check found; all or none are created. */
    @POST
    @Path("{check}/components")
    public Response components(@PathParam("team") String team, @PathParam("check") String check,
                               ModulesRequest request, @Context SecurityContext sc) {
        List<Component> made = components.createFromModules(actor(sc), team, check,
                request == null ? null : request.app(), request == null ? null : request.language());
        return Response.status(Response.Status.CREATED).entity(made).build();
    }

    @POST
    public Response start(@PathParam("team") String team, SourceCheckRequest request, @Context UriInfo uri,
                          @Context SecurityContext sc) {
        SourceCheck c = checks.start(actor(sc), team, request);
        URI location = uri.getAbsolutePathBuilder().path(c.id()).build();
        return Response.accepted(c).location(location).build();
    }

    @GET
    public ResourceSupport.PageBody<SourceCheck> list(@PathParam("team") String team,
                                                      @QueryParam("offset") Integer offset,
                                                      @QueryParam("limit") Integer limit,
                                                      @Context SecurityContext sc) {
        return ResourceSupport.body(checks.list(actor(sc), team, ResourceSupport.page(offset, limit)));
    }

    @GET
    @Path("{check}")
    public SourceCheck get(@PathParam("team") String team, @PathParam("check") String check,
                           @Context SecurityContext sc) {
        return checks.get(actor(sc), team, check);
    }
}
