package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;
import static io.kato.rest.internal.ResourceSupport.expected;

import io.kato.api.model.App;
import io.kato.api.service.AppService;
import io.kato.api.service.ComponentService;
import io.kato.api.service.AppService.AppChanges;
import io.kato.api.service.AppService.AppDraft;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

@Path("v1/teams/{team}/apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppsResource {
    private final AppService apps;
    private final ComponentService components;

    AppsResource(AppService apps, ComponentService components) {
        this.apps = apps;
        this.components = components;
    }

    /**
     * Starts every component of the application that has a version: {@code 202} with each
     * component's event (or why it was skipped).
     */
    @POST
    @Path("{app}/start")
    public Response start(@PathParam("team") String team, @PathParam("app") String app, @Context SecurityContext sc) {
        return Response.accepted(components.startApp(actor(sc), team, app)).build();
    }

    /** Stops every component of the application: {@code 202} with each component's event. */
    @POST
    @Path("{app}/stop")
    public Response stop(@PathParam("team") String team, @PathParam("app") String app, @Context SecurityContext sc) {
        return Response.accepted(components.stopApp(actor(sc), team, app)).build();
    }

    @GET
    public ResourceSupport.PageBody<App> list(@PathParam("team") String team, @QueryParam("offset") Integer offset,
                                              @QueryParam("limit") Integer limit, @Context SecurityContext sc) {
        return ResourceSupport.body(apps.list(actor(sc), team, ResourceSupport.page(offset, limit)));
    }

    @POST
    public Response create(@PathParam("team") String team, AppDraft draft, @Context SecurityContext sc) {
        App a = apps.create(actor(sc), team, draft);
        return ResourceSupport.created(a, a.version());
    }

    @GET
    @Path("{app}")
    public Response get(@PathParam("team") String team, @PathParam("app") String app, @Context SecurityContext sc) {
        App a = apps.get(actor(sc), team, app);
        return ResourceSupport.ok(a, a.version());
    }

    @PATCH
    @Path("{app}")
    public Response update(@PathParam("team") String team, @PathParam("app") String app, AppChanges changes,
                           @HeaderParam("If-Match") String ifMatch, @Context SecurityContext sc) {
        App a = apps.update(actor(sc), team, app, changes, expected(ifMatch));
        return ResourceSupport.ok(a, a.version());
    }

    @DELETE
    @Path("{app}")
    public Response delete(@PathParam("team") String team, @PathParam("app") String app,
                           @HeaderParam("If-Match") String ifMatch, @Context SecurityContext sc) {
        apps.delete(actor(sc), team, app, expected(ifMatch));
        return Response.noContent().build();
    }
}
