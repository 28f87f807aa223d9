package io.kato.rest.internal;

import io.kato.api.service.LanguageRegistry;
import io.kato.api.service.LanguageRegistry.LanguageInfo;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** Health (public), the OpenAPI document (public) and what the platform can do right now. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {
    private final LanguageRegistry languages;
    private final OpenApi openApi;

    SystemResource(LanguageRegistry languages, OpenApi openApi) {
        this.languages = languages;
        this.openApi = openApi;
    }

    /** Up when the API answers: it is only registered once the store and core services are. */
    @GET
    @Path("health")
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }

    /** The language detectors registered at this moment, primary first. */
    @GET
    @Path("languages")
    public List<LanguageInfo> languages() {
        return languages.languages();
    }

    @GET
    @Path("openapi.json")
    public Map<String, Object> openApi() {
        return openApi.document();
    }
}
