package io.kato.rest.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kato.api.ValidationException;
import io.kato.api.model.ThirdPartyEndpoint;
import io.kato.api.service.ThirdPartyService;
import java.util.List;
import java.util.regex.Pattern;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * The endpoints of a third-party component registered by the {@code api} method, as the
 * outside world pushes them: {@code {"secret_key": "…", "ip": "10.0.0.5[:3306]", "is_online":
 * true}}. The component's secret key, not a user's token, authenticates (in the body, or in
 * the {@value #KEY_HEADER} header, which a {@code GET} without a body uses), so {@link
 * AuthFilter} lets these paths through to be checked here.
 */
@Path("v1/teams/{team}/components/{component}/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EndpointsResource {
    static final Pattern PATH = Pattern.compile("v1/teams/[^/]+/components/[^/]+/endpoints/?");
    static final String KEY_HEADER = "X-Kato-Secret-Key";
    private final ThirdPartyService thirdParty;

    EndpointsResource(ThirdPartyService thirdParty) {
        this.thirdParty = thirdParty;
    }

    /** A push: the key, the instance's address, and whether it serves (default true). */
    public record Push(@JsonProperty("secret_key") String secretKey, String ip,
                       @JsonProperty("is_online") Boolean isOnline) {
    }

    @GET
    public List<ThirdPartyEndpoint> list(@PathParam("team") String team, @PathParam("component") String component,
                                         @HeaderParam(KEY_HEADER) String key, Push body) {
        return thirdParty.endpoints(team, component, key(key, body));
    }

    @PUT
    public List<ThirdPartyEndpoint> put(@PathParam("team") String team, @PathParam("component") String component,
                                        @HeaderParam(KEY_HEADER) String key, Push body) {
        return thirdParty.putEndpoint(team, component, key(key, body), ip(body),
                body.isOnline() == null || body.isOnline());
    }

    @DELETE
    public List<ThirdPartyEndpoint> remove(@PathParam("team") String team, @PathParam("component") String component,
                                           @HeaderParam(KEY_HEADER) String key, Push body) {
        return thirdParty.removeEndpoint(team, component, key(key, body), ip(body));
    }

    private static String key(String header, Push body) {
        return header != null ? header : body == null ? null : body.secretKey();
    }

    private static String ip(Push body) {
        if (body == null || body.ip() == null) {
            throw ValidationException.of("ip", "is required: {\"secret_key\": \"…\", \"ip\": \"10.0.0.5:3306\","
                    + " \"is_online\": true}");
        }
        return body.ip();
    }
}
