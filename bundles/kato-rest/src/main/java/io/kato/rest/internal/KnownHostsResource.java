package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.KnownHost;
import io.kato.api.service.KnownHostService;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/** The SSH host keys a team's fetches trust: listed, pinned ahead of a first fetch, forgotten. */
@Path("v1/teams/{team}/known-hosts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KnownHostsResource {
    private final KnownHostService hosts;

    KnownHostsResource(KnownHostService hosts) {
        this.hosts = hosts;
    }

    /** Body of a pin: the host ({@code name} or {@code name:port}) and its key, {@code "type base64"}. */
    public record Pin(String host, String key) {
    }

    @GET
    public List<KnownHost> list(@PathParam("team") String team, @Context SecurityContext sc) {
        return hosts.list(actor(sc), team);
    }

    @POST
    public Response pin(@PathParam("team") String team, Pin pin, @Context SecurityContext sc) {
        return Response.status(Response.Status.CREATED).entity(hosts.pin(actor(sc), team,
                pin == null ? null : pin.host(), pin == null ? null : pin.key())).build();
    }

    @DELETE
    @Path("{host}")
    public Response delete(@PathParam("team") String team, @PathParam("host") String host,
                           @Context SecurityContext sc) {
        hosts.delete(actor(sc), team, host);
        return Response.noContent().build();
    }
}
