package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.Plugin;
import io.kato.api.service.PluginService;
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

/** Adds one of the plugins Kato ships to a team, as the team's own plugin, and builds it. */
@Path("v1/teams/{team}/default-plugins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamDefaultPluginsResource {
    private final PluginService plugins;

    TeamDefaultPluginsResource(PluginService plugins) {
        this.plugins = plugins;
    }

    /** The body of an addition: the name it gets in the team (left out: the default's own). */
    public record Addition(String name) {
    }

    @POST
    @Path("{default}")
    public Response add(@PathParam("team") String team, @PathParam("default") String defaultName, Addition body,
                        @Context SecurityContext sc) {
        Plugin p = plugins.addDefault(actor(sc), team, defaultName, body == null ? null : body.name());
        return Response.created(URI.create("/api/v1/teams/" + team + "/plugins/" + p.name())).entity(p).build();
    }
}
