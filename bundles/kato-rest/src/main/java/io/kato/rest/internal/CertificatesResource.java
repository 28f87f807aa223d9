package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.Certificate;
import io.kato.api.service.CertificateService;
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

/** TLS certificates of a team's domains, presented by the gateway on its HTTPS port; keys are never shown. */
@Path("v1/teams/{team}/certificates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CertificatesResource {
    private final CertificateService certificates;

    CertificatesResource(CertificateService certificates) {
        this.certificates = certificates;
    }

    /** Body of an upload: the domain, the PEM chain (leaf first) and the PKCS#8 PEM key. */
    public record Upload(String domain, String certificate, String privateKey) {
    }

    @GET
    public List<Certificate> list(@PathParam("team") String team, @Context SecurityContext sc) {
        return certificates.list(actor(sc), team);
    }

    @POST
    public Response upload(@PathParam("team") String team, Upload body, @Context SecurityContext sc) {
        if (body == null) {
            throw io.kato.api.ValidationException.of("body", "is required: {\"domain\": ..., \"certificate\": \"-----BEGIN"
                    + " CERTIFICATE-----...\", \"privateKey\": \"-----BEGIN PRIVATE KEY-----...\"}");
        }
        return Response.status(Response.Status.CREATED).entity(certificates.upload(actor(sc), team, body.domain(),
                body.certificate(), body.privateKey())).build();
    }

    @DELETE
    @Path("{certificate}")
    public Response delete(@PathParam("team") String team, @PathParam("certificate") String certificate,
                           @Context SecurityContext sc) {
        certificates.delete(actor(sc), team, certificate);
        return Response.noContent().build();
    }
}
