package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.PluginInstall;
import io.kato.api.service.PluginInstallService;
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

/**
 * The plugins installed on a component, by plugin name: the version, whether it runs, its
 * memory and the values of its items (once, per port, per downstream port).
 */
@Path("v1/teams/{team}/components/{component}/plugins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ComponentPluginsResource {
    private final PluginInstallService installs;

    ComponentPluginsResource(PluginInstallService installs) {
        this.installs = installs;
    }

    @GET
    public List<PluginInstall> list(@PathParam("team") String team, @PathParam("component") String component,
                                    @Context SecurityContext sc) {
        return installs.list(actor(sc), team, component);
    }

    /** Installs the plugin, or changes its installation; the body's {@code plugin} may be left out. */
    @PUT
    @Path("{plugin}")
    public PluginInstall install(@PathParam("team") String team, @PathParam("component") String component,
                                 @PathParam("plugin") String plugin, PluginInstall body, @Context SecurityContext sc) {
        if (body == null) {
            return installs.install(actor(sc), team, component, new PluginInstall(plugin, null, null, null, null, null,
                    null, null, null, null));
        }
        ResourceSupport.sameName("plugin", body.plugin(), plugin);
        return installs.install(actor(sc), team, component, new PluginInstall(plugin, body.version(), null,
                body.enabled(), body.memoryMb(), body.values(), body.ports(), body.downstream(), null, null));
    }

    /** Uninstalls it; it no longer runs from the component's next start (an init plugin included). */
    @DELETE
    @Path("{plugin}")
    public Response uninstall(@PathParam("team") String team, @PathParam("component") String component,
                              @PathParam("plugin") String plugin, @Context SecurityContext sc) {
        installs.uninstall(actor(sc), team, component, plugin);
        return Response.noContent().build();
    }
}
