package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.Topology;
import io.kato.api.service.DependencyService;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * An app's topology: JSON, or drawn as SVG for {@code Accept: image/svg+xml} or
 * {@code ?format=svg} (what a browser's address bar can ask for).
 */
@Path("v1/teams/{team}/apps/{app}/topology")
public class TopologyResource {
    static final String SVG = "image/svg+xml";
    private final DependencyService dependencies;

    TopologyResource(DependencyService dependencies) {
        this.dependencies = dependencies;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public javax.ws.rs.core.Response json(@PathParam("team") String team, @PathParam("app") String app,
                                          @QueryParam("format") String format, @Context SecurityContext sc) {
        Topology t = dependencies.topology(actor(sc), team, app);
        if ("svg".equals(format)) {
            return javax.ws.rs.core.Response.ok(TopologySvg.draw(t), SVG).build();
        }
        if (format != null && !format.equals("json")) {
            throw io.kato.api.ValidationException.of("format", "is json (the default) or svg");
        }
        return javax.ws.rs.core.Response.ok(t, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Produces(SVG)
    public String svg(@PathParam("team") String team, @PathParam("app") String app, @Context SecurityContext sc) {
        return TopologySvg.draw(dependencies.topology(actor(sc), team, app));
    }
}
