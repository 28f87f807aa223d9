package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.ValidationException;
import io.kato.api.model.Plugin;
import io.kato.api.model.PluginVersion;
import io.kato.api.service.PluginService;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * A team's plugins: made from an image or a repository's Dockerfile, with a type, memory,
 * CPU and config groups; built into versions whose logs are their events' logs.
 */
@Path("v1/teams/{team}/plugins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PluginsResource {
    private final PluginService plugins;

    PluginsResource(PluginService plugins) {
        this.plugins = plugins;
    }

    @GET
    public List<Plugin> list(@PathParam("team") String team, @Context SecurityContext sc) {
        return plugins.list(actor(sc), team);
    }

    /** {@code 201} with the plugin; it has no version until it is built. */
    @POST
    public Response create(@PathParam("team") String team, Plugin plugin, @Context SecurityContext sc) {
        Plugin p = plugins.create(actor(sc), team, plugin);
        return Response.created(URI.create("/api/v1/teams/" + team + "/plugins/" + p.name())).entity(p).build();
    }

    @GET
    @Path("{plugin}")
    public Plugin get(@PathParam("team") String team, @PathParam("plugin") String plugin,
                      @Context SecurityContext sc) {
        return plugins.get(actor(sc), team, plugin);
    }

    /** Replaces what the plugin is made of; built versions keep theirs. */
    @PUT
    @Path("{plugin}")
    public Plugin update(@PathParam("team") String team, @PathParam("plugin") String plugin, Plugin body,
                         @Context SecurityContext sc) {
        if (body != null && body.name() != null && !body.name().equals(plugin)) {
            throw ValidationException.of("name", "is '" + body.name() + "' in the body but '" + plugin + "' in the"
                    + " path: a plugin keeps its name");
        }
        return plugins.update(actor(sc), team, plugin, body);
    }

    @DELETE
    @Path("{plugin}")
    public Response delete(@PathParam("team") String team, @PathParam("plugin") String plugin,
                           @Context SecurityContext sc) {
        plugins.delete(actor(sc), team, plugin);
        return Response.noContent().build();
    }

    /** Queues a build: {@code 202} with the version ({@code building}), {@code Location} its event (and log). */
    @POST
    @Path("{plugin}/build")
    public Response build(@PathParam("team") String team, @PathParam("plugin") String plugin,
                          @Context SecurityContext sc) {
        PluginVersion v = plugins.build(actor(sc), team, plugin);
        return Response.accepted(v).location(URI.create("/api/v1/teams/" + team + "/events/" + v.eventId())).build();
    }

    /** Newest first. */
    @GET
    @Path("{plugin}/versions")
    public List<PluginVersion> versions(@PathParam("team") String team, @PathParam("plugin") String plugin,
                                        @Context SecurityContext sc) {
        return plugins.versions(actor(sc), team, plugin);
    }

    @GET
    @Path("{plugin}/versions/{number}")
    public PluginVersion version(@PathParam("team") String team, @PathParam("plugin") String plugin,
                                 @PathParam("number") String number, @Context SecurityContext sc) {
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw ValidationException.of("number", "must be a version number like 1 (is " + number + ")");
        }
        return plugins.version(actor(sc), team, plugin, n);
    }
}
