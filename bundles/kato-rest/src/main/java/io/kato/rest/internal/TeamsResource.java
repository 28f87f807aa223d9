package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;
import static io.kato.rest.internal.ResourceSupport.expected;

import io.kato.api.model.AuditRecord;
import io.kato.api.model.Membership;
import io.kato.api.model.Role;
import io.kato.api.model.Team;
import io.kato.api.service.EventService;
import io.kato.api.service.TeamService;
import io.kato.api.service.TeamService.TeamChanges;
import io.kato.api.service.TeamService.TeamDraft;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

@Path("v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamsResource {
    private final TeamService teams;
    private final EventService events;

    TeamsResource(TeamService teams, EventService events) {
        this.teams = teams;
        this.events = events;
    }

    @GET
    public ResourceSupport.PageBody<Team> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
                                               @Context SecurityContext sc) {
        return ResourceSupport.body(teams.list(actor(sc), ResourceSupport.page(offset, limit)));
    }

    @POST
    public Response create(TeamDraft draft, @Context SecurityContext sc) {
        Team t = teams.create(actor(sc), draft);
        return ResourceSupport.created(t, t.version());
    }

    @GET
    @Path("{team}")
    public Response get(@PathParam("team") String team, @Context SecurityContext sc) {
        Team t = teams.get(actor(sc), team);
        return ResourceSupport.ok(t, t.version());
    }

    @PATCH
    @Path("{team}")
    public Response update(@PathParam("team") String team, TeamChanges changes,
                           @HeaderParam("If-Match") String ifMatch, @Context SecurityContext sc) {
        Team t = teams.update(actor(sc), team, changes, expected(ifMatch));
        return ResourceSupport.ok(t, t.version());
    }

    @DELETE
    @Path("{team}")
    public Response delete(@PathParam("team") String team, @HeaderParam("If-Match") String ifMatch,
                           @Context SecurityContext sc) {
        teams.delete(actor(sc), team, expected(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("{team}/members")
    public List<Membership> members(@PathParam("team") String team, @Context SecurityContext sc) {
        return teams.members(actor(sc), team);
    }

    @PUT
    @Path("{team}/members/{user}")
    public Membership setMember(@PathParam("team") String team, @PathParam("user") String user, RoleBody body,
                                @Context SecurityContext sc) {
        return teams.setMember(actor(sc), team, user, body == null ? null : body.role());
    }

    @DELETE
    @Path("{team}/members/{user}")
    public Response removeMember(@PathParam("team") String team, @PathParam("user") String user,
                                 @Context SecurityContext sc) {
        teams.removeMember(actor(sc), team, user);
        return Response.noContent().build();
    }

    /** The team's audit trail, newest first: team admins only. */
    @GET
    @Path("{team}/audit")
    public ResourceSupport.PageBody<AuditRecord> audit(@PathParam("team") String team,
                                                       @QueryParam("offset") Integer offset,
                                                       @QueryParam("limit") Integer limit,
                                                       @Context SecurityContext sc) {
        return ResourceSupport.body(events.audit(actor(sc), team, ResourceSupport.page(offset, limit)));
    }

    /** The body of a membership change: {@code {"role": "developer"}}. */
    public record RoleBody(Role role) {
    }
}
