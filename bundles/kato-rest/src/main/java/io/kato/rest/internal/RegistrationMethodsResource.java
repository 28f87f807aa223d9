package io.kato.rest.internal;

import io.kato.api.service.ThirdPartyService;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** The registration methods installed now, with what their config takes. */
@Path("v1/registration-methods")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationMethodsResource {
    private final ThirdPartyService thirdParty;

    RegistrationMethodsResource(ThirdPartyService thirdParty) {
        this.thirdParty = thirdParty;
    }

    @GET
    public List<ThirdPartyService.MethodInfo> list() {
        return thirdParty.methods();
    }
}
