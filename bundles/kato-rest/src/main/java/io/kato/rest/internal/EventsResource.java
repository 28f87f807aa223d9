package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.Actor;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.service.EventService;
import java.io.IOException;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

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

    /**
     * The event's log as text, or with {@code ?follow=true} as server-sent events: the log so
     * far and then each new line as it is written, one {@code data:} event per line, ending
     * with an {@code end} event carrying the event's status and message once it has ended.
     */
    @GET
    @Path("{event}/log")
    @Produces({MediaType.TEXT_PLAIN, Sse.MEDIA_TYPE})
    public Response log(@PathParam("team") String team, @PathParam("event") String event,
                        @QueryParam("follow") boolean follow, @Context SecurityContext sc) {
        Actor actor = actor(sc);
        if (!follow) {
            return Response.ok(events.log(actor, team, event), MediaType.TEXT_PLAIN).build();
        }
        events.get(actor, team, event); // a missing event is a 404 before the stream starts
        StreamingOutput stream = output -> follow(actor, team, event, new Sse(output));
        return Response.ok(stream, Sse.MEDIA_TYPE).header("Cache-Control", "no-cache").build();
    }

    private void follow(Actor actor, String team, String id, Sse sse) throws IOException {
        int sent = 0;
        long beat = System.nanoTime();
        while (true) {
            // the status first: once it says ended, the log read after it is complete
            Event e = events.get(actor, team, id);
            String log = events.log(actor, team, id);
            boolean ended = e.status() != EventStatus.RUNNING;
            int upTo = ended ? log.length() : log.lastIndexOf('\n') + 1;
            if (upTo > sent) {
                String fresh = log.substring(sent, upTo);
                if (fresh.endsWith("\n")) {
                    fresh = fresh.substring(0, fresh.length() - 1);
                }
                for (String line : fresh.split("\n", -1)) {
                    sse.line(line);
                }
                sent = upTo;
                sse.flush();
                beat = System.nanoTime();
            }
            if (ended) {
                sse.event("end", Json.mapper().writeValueAsString(java.util.Map.of("status", e.status().toString(),
                        "message", e.message() == null ? "" : e.message())));
                sse.flush();
                return;
            }
            if (System.nanoTime() - beat > Sse.HEARTBEAT_NANOS) {
                sse.heartbeat();
                beat = System.nanoTime();
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
