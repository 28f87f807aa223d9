package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.Dependent;
import io.kato.api.service.DependencyService;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** The components that depend on this one, each with whether it runs with stale connection information. */
@Path("v1/teams/{team}/components/{component}/dependents")
@Produces(MediaType.APPLICATION_JSON)
public class DependentsResource {
    private final DependencyService dependencies;

    DependentsResource(DependencyService dependencies) {
        this.dependencies = dependencies;
    }

    @GET
    public List<Dependent> list(@PathParam("team") String team, @PathParam("component") String component,
                                @Context SecurityContext sc) {
        return dependencies.dependents(actor(sc), team, component);
    }
}
