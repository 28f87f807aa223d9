package io.kato.rest.internal;

import io.kato.api.Actor;
import io.kato.api.model.Role;
import io.kato.api.service.LanguageRegistry;
import io.kato.api.service.LanguageRegistry.LanguageInfo;
import io.kato.api.service.RuntimeRegistry;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** Health (public), the OpenAPI document (public), the caller, and what the platform can do right now. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {
    private final LanguageRegistry languages;
    private final RuntimeRegistry runtimes;
    private final io.kato.api.service.PluginTypeRegistry pluginTypes;
    private final OpenApi openApi;

    SystemResource(LanguageRegistry languages, RuntimeRegistry runtimes,
                   io.kato.api.service.PluginTypeRegistry pluginTypes, OpenApi openApi) {
        this.languages = languages;
        this.runtimes = runtimes;
        this.pluginTypes = pluginTypes;
        this.openApi = openApi;
    }

    /** The plugin types installed now (one per name), with their container role, allowed config and exclusions. */
    @GET
    @Path("plugin-types")
    public List<io.kato.api.service.PluginTypeRegistry.PluginTypeInfo> pluginTypes() {
        return pluginTypes.pluginTypes();
    }

    /** The runtimes this server has, the active one first, and whether each can work now. */
    @GET
    @Path("runtimes")
    public List<RuntimeRegistry.RuntimeInfo> runtimes() {
        return runtimes.runtimes();
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

    /** Who the caller is, and its role per team id. */
    @GET
    @Path("me")
    public Me me(@Context SecurityContext sc) {
        Actor a = ResourceSupport.actor(sc);
        return new Me(a.name(), a.admin(), a.teamRoles());
    }

    public record Me(String name, boolean admin, Map<String, Role> teamRoles) {
    }

    @GET
    @Path("openapi.json")
    public Map<String, Object> openApi() {
        return openApi.document();
    }
}
