package io.kato.rest.internal;

import io.kato.api.model.Plugin;
import io.kato.api.service.PluginService;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** The plugins Kato ships, ready to add to a team (see {@link TeamDefaultPluginsResource}). */
@Path("v1/default-plugins")
@Produces(MediaType.APPLICATION_JSON)
public class DefaultPluginsResource {
    private final PluginService plugins;

    DefaultPluginsResource(PluginService plugins) {
        this.plugins = plugins;
    }

    @GET
    public List<Plugin> list() {
        return plugins.defaults();
    }
}
