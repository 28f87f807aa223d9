package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.GatewayRule;
import io.kato.api.service.GatewayRuleService;
import io.kato.api.service.GatewayRuleService.RuleDraft;
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

/** A team's custom gateway rules: a domain, path prefix and headers routed by weight to components. */
@Path("v1/teams/{team}/gateway-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GatewayRulesResource {
    private final GatewayRuleService rules;

    GatewayRulesResource(GatewayRuleService rules) {
        this.rules = rules;
    }

    @GET
    public List<GatewayRule> list(@PathParam("team") String team, @Context SecurityContext sc) {
        return rules.list(actor(sc), team);
    }

    /** {@code {"domain": "shop.example.org", "pathPrefix": "/api", "headers": {"X-Canary": "1"}, "backends": [...]}}. */
    @POST
    public Response create(@PathParam("team") String team, RuleDraft draft, @Context SecurityContext sc) {
        return Response.status(Response.Status.CREATED).entity(rules.create(actor(sc), team, draft)).build();
    }

    @DELETE
    @Path("{rule}")
    public Response delete(@PathParam("team") String team, @PathParam("rule") String rule,
                           @Context SecurityContext sc) {
        rules.delete(actor(sc), team, rule);
        return Response.noContent().build();
    }
}
