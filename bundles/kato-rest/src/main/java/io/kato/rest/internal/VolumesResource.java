package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.Volume;
import io.kato.api.service.VolumeService;
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
 * A component's volumes and config files, by name: {@code share_file}, {@code local},
 * {@code memory} and {@code config_file} (whose {@code content} is the file's text).
 */
@Path("v1/teams/{team}/components/{component}/volumes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VolumesResource {
    private final VolumeService volumes;

    VolumesResource(VolumeService volumes) {
        this.volumes = volumes;
    }

    @GET
    public List<Volume> list(@PathParam("team") String team, @PathParam("component") String component,
                             @Context SecurityContext sc) {
        return volumes.list(actor(sc), team, component);
    }

    /** Adds the volume or replaces the one of that name; the body's {@code name} may be left out. */
    @PUT
    @Path("{name}")
    public Volume put(@PathParam("team") String team, @PathParam("component") String component,
                      @PathParam("name") String name, Volume volume, @Context SecurityContext sc) {
        if (volume != null) {
            ResourceSupport.sameName("name", volume.name(), name);
        }
        Volume named = volume == null ? null : new Volume(name, volume.type(), volume.path(), volume.sizeMb(),
                volume.content());
        return volumes.put(actor(sc), team, component, named);
    }

    /** Removes the volume; its data goes with it. */
    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("team") String team, @PathParam("component") String component,
                           @PathParam("name") String name, @Context SecurityContext sc) {
        volumes.remove(actor(sc), team, component, name);
        return Response.noContent().build();
    }
}
