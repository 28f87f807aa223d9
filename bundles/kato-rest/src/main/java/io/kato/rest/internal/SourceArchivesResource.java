package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.service.SourceCheckService;
import io.kato.api.service.SourceCheckService.ArchiveUpload;
import java.io.InputStream;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * Uploads of source archives: the body is the zip or tar.gz file itself. The returned id
 * is the {@code url} of a source check of kind {@code archive}.
 */
@Path("v1/teams/{team}/source-archives")
@Produces(MediaType.APPLICATION_JSON)
public class SourceArchivesResource {
    private final SourceCheckService checks;

    SourceArchivesResource(SourceCheckService checks) {
        this.checks = checks;
    }

    @POST
    @Consumes({"application/zip", "application/gzip", "application/x-gzip", "application/x-tar+gzip",
            MediaType.APPLICATION_OCTET_STREAM})
    public Response upload(@PathParam("team") String team, InputStream body, @Context SecurityContext sc) {
        ArchiveUpload stored = checks.upload(actor(sc), team, body);
        return Response.status(Response.Status.CREATED).entity(stored).build();
    }
}
