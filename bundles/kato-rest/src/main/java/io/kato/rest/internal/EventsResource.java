package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.model.Event;
import io.kato.api.service.EventService;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** The operation log of a team, newest first, with each event's log. */
@Path("v1/teams/{team}/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {
    private final EventService events;

    EventsResource(EventService events) {
        this.events = events;
    }

    @GET
    public ResourceSupport.PageBody<Event> list(@PathParam("team") String team, @QueryParam("offset") Integer offset,
                                                @QueryParam("limit") Integer limit, @Context SecurityContext sc) {
        return ResourceSupport.body(events.list(actor(sc), team, ResourceSupport.page(offset, limit)));
    }

    @GET
    @Path("{event}")
    public Event get(@PathParam("team") String team, @PathParam("event") String event, @Context SecurityContext sc) {
        return events.get(actor(sc), team, event);
    }

    @GET
    @Path("{event}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("team") String team, @PathParam("event") String event, @Context SecurityContext sc) {
        return events.log(actor(sc), team, event);
    }
}
