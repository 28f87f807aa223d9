package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.NotFoundException;
import io.kato.api.model.Autoscaling;
import io.kato.api.service.AutoscalingService;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/** A component's autoscaling rule: {@code {"minInstances", "maxInstances", "metric": "cpu"|"memory", "target"}}. */
@Path("v1/teams/{team}/components/{component}/autoscaling")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AutoscalingResource {
    private final AutoscalingService autoscaling;

    AutoscalingResource(AutoscalingService autoscaling) {
        this.autoscaling = autoscaling;
    }

    /** The rule, or 404 when the component has none (it runs its instance count). */
    @GET
    public Autoscaling get(@PathParam("team") String team, @PathParam("component") String component,
                           @Context SecurityContext sc) {
        return autoscaling.get(actor(sc), team, component).orElseThrow(() -> new NotFoundException("Component '"
                + component + "' has no autoscaling rule: it runs its instance count"));
    }

    @PUT
    public Autoscaling set(@PathParam("team") String team, @PathParam("component") String component,
                           Autoscaling rule, @Context SecurityContext sc) {
        return autoscaling.set(actor(sc), team, component, rule);
    }

    @DELETE
    public Response clear(@PathParam("team") String team, @PathParam("component") String component,
                          @Context SecurityContext sc) {
        autoscaling.clear(actor(sc), team, component);
        return Response.noContent().build();
    }
}
