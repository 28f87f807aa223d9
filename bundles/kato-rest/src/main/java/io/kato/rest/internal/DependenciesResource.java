package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.Dependency;
import io.kato.api.service.DependencyService;
import java.util.List;
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

/** What a component depends on, by the dependency's name: {@code PUT} to add, {@code DELETE} to remove. */
@Path("v1/teams/{team}/components/{component}/dependencies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DependenciesResource {
    private final DependencyService dependencies;

    DependenciesResource(DependencyService dependencies) {
        this.dependencies = dependencies;
    }

    @GET
    public List<Dependency> list(@PathParam("team") String team, @PathParam("component") String component,
                                 @Context SecurityContext sc) {
        return dependencies.dependencies(actor(sc), team, component);
    }

    /** Adds the dependency (nothing changes if it is there); the body, if any, is ignored. */
    @PUT
    @Path("{dependency}")
    public Dependency add(@PathParam("team") String team, @PathParam("component") String component,
                          @PathParam("dependency") String dependency, @Context SecurityContext sc) {
        return dependencies.add(actor(sc), team, component, dependency);
    }

    @DELETE
    @Path("{dependency}")
    public Response remove(@PathParam("team") String team, @PathParam("component") String component,
                           @PathParam("dependency") String dependency, @Context SecurityContext sc) {
        dependencies.remove(actor(sc), team, component, dependency);
        return Response.noContent().build();
    }
}
