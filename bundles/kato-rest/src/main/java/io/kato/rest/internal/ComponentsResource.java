package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;
import static io.kato.rest.internal.ResourceSupport.expected;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.kato.api.Actor;
import io.kato.api.build.ProbeSpec;
import io.kato.api.gateway.RouteTable;
import io.kato.api.model.Component;
import io.kato.api.model.ComponentState;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Event;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.Build;
import io.kato.api.model.Version;
import io.kato.api.runtime.Observation;
import io.kato.api.service.BuildService;
import io.kato.api.service.ComponentService;
import io.kato.api.service.ComponentService.ComponentChanges;
import io.kato.api.service.ComponentService.ComponentDraft;
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
import javax.ws.rs.core.StreamingOutput;

/**
 * Components with their ports and env vars. Ports and env vars share the component's
 * ETag: any change to them moves the component to its next version.
 */
@Path("v1/teams/{team}/components")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ComponentsResource {
    private final ComponentService components;
    private final BuildService builds;
    private final RouteTable routes;

    ComponentsResource(ComponentService components, BuildService builds, RouteTable routes) {
        this.components = components;
        this.builds = builds;
        this.routes = routes;
    }

    /**
     * Queues a build of the component: {@code 202} with the build, {@code Location} its
     * event, whose log is the build log.
     */
    @POST
    @Path("{component}/build")
    public Response build(@PathParam("team") String team, @PathParam("component") String component,
                          @Context SecurityContext sc) {
        Build b = builds.build(actor(sc), team, component);
        return Response.accepted(b).location(java.net.URI.create("/api/v1/teams/" + team + "/events/" + b.id()))
                .build();
    }

    @GET
    @Path("{component}/builds/{build}")
    public Build buildOf(@PathParam("team") String team, @PathParam("component") String component,
                         @PathParam("build") String build, @Context SecurityContext sc) {
        return builds.get(actor(sc), team, component, build);
    }

    /** Cancels a queued or running build: {@code 202} with the build ({@code cancelling}, then {@code cancelled}). */
    @POST
    @Path("{component}/builds/{build}/cancel")
    public Response cancelBuild(@PathParam("team") String team, @PathParam("component") String component,
                                @PathParam("build") String build, @Context SecurityContext sc) {
        return Response.accepted(builds.cancel(actor(sc), team, component, build)).build();
    }

    /** The component's versions, newest first. */
    @GET
    @Path("{component}/versions")
    public ResourceSupport.PageBody<Version> versions(@PathParam("team") String team,
                                                      @PathParam("component") String component,
                                                      @QueryParam("offset") Integer offset,
                                                      @QueryParam("limit") Integer limit, @Context SecurityContext sc) {
        return ResourceSupport.body(builds.versions(actor(sc), team, component, ResourceSupport.page(offset, limit)));
    }

    /**
     * A component as the API shows it: its fields, its current state, and the instances
     * the runtime runs now ({@code instances} itself is the wanted count).
     */
    public record ComponentView(@JsonUnwrapped Component component, ComponentState state,
                                Integer deployedVersion, List<String> urls,
                                List<Observation.Instance> runningInstances) {
    }

    /** The body of a rollback: the number of the version to run. */
    public record RollbackBody(Integer version) {
    }

    /** The body of a scale: instance count and/or memory per instance. */
    public record ScaleBody(Integer instances, Integer memoryMb) {
    }

    /** The body of a port change; the number comes from the path. */
    public record PortBody(Protocol protocol, String alias, boolean inner, boolean outer) {
    }

    /** The body of an env var change; the name comes from the path. */
    public record EnvBody(String value, EnvScope scope, boolean secret) {
    }

    private ComponentView view(Actor actor, String team, Component c) {
        Version deployed = components.deployedVersion(actor, team, c.name());
        return new ComponentView(c, components.state(actor, team, c.name()),
                deployed == null ? null : deployed.number(), routes.urls(team, c),
                components.instances(actor, team, c.name()));
    }

    /** {@code 202} with the operation's event, which ends when the rollout has converged. */
    private static Response operation(String team, Event e) {
        return Response.accepted(e).location(java.net.URI.create("/api/v1/teams/" + team + "/events/" + e.id()))
                .build();
    }

    /**
     * One instance's log: its last {@code lines} (200 by default) as text, or with
     * {@code ?follow=true} as server-sent events, those lines and then each new one, until
     * the client goes away. {@code ?plugin=<name>}: the log of a plugin beside it, where the
     * runtime keeps it apart (a sidecar or init container on a cluster).
     */
    @GET
    @Path("{component}/instances/{instance}/log")
    @Produces({MediaType.TEXT_PLAIN, Sse.MEDIA_TYPE})
    public Response instanceLog(@PathParam("team") String team, @PathParam("component") String component,
                                @PathParam("instance") String instance, @QueryParam("lines") Integer lines,
                                @QueryParam("follow") boolean follow, @QueryParam("plugin") String plugin,
                                @Context SecurityContext sc) {
        Actor actor = actor(sc);
        List<String> tail = components.instanceLog(actor, team, component, instance, plugin,
                lines == null ? 200 : lines);
        if (!follow) {
            return Response.ok(tail.isEmpty() ? "" : String.join("\n", tail) + "\n", MediaType.TEXT_PLAIN).build();
        }
        StreamingOutput stream = output -> {
            Sse sse = new Sse(output);
            for (String line : tail) {
                sse.line(line);
            }
            sse.flush();
            java.util.concurrent.BlockingQueue<String> fresh = new java.util.concurrent.LinkedBlockingQueue<>(10_000);
            try (AutoCloseable following = components.followInstanceLog(actor, team, component, instance, plugin,
                    fresh::offer)) { // a client too slow to take 10 000 lines loses the newest, not Kato's memory
                while (true) {
                    String line = fresh.poll(Sse.HEARTBEAT_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
                    if (line == null) {
                        sse.heartbeat();
                        continue;
                    }
                    sse.line(line);
                    for (String more = fresh.poll(); more != null; more = fresh.poll()) {
                        sse.line(more);
                    }
                    sse.flush();
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException gone) {
                // the client went away: following stops with the try
            } catch (Exception closing) {
                // closing the follower does not fail
            }
        };
        return Response.ok(stream, Sse.MEDIA_TYPE).header("Cache-Control", "no-cache").build();
    }

    @GET
    @Path("{component}/probes")
    public List<ProbeSpec> probes(@PathParam("team") String team, @PathParam("component") String component,
                                  @Context SecurityContext sc) {
        return components.probes(actor(sc), team, component);
    }

    /**
     * Replaces the health probes (a JSON array; {@code []} for the default): at most one
     * readiness and one liveness probe. They apply from the next start, restart or upgrade.
     */
    @PUT
    @Path("{component}/probes")
    public List<ProbeSpec> setProbes(@PathParam("team") String team, @PathParam("component") String component,
                                     List<ProbeSpec> probes, @Context SecurityContext sc) {
        return components.setProbes(actor(sc), team, component, probes);
    }

    /** Replaces its instances with fresh ones of the same version, one at a time. */
    @POST
    @Path("{component}/restart")
    public Response restart(@PathParam("team") String team, @PathParam("component") String component,
                            @Context SecurityContext sc) {
        return operation(team, components.restart(actor(sc), team, component));
    }

    /** Runs the newest version with the current env and ports, rolling. */
    @POST
    @Path("{component}/upgrade")
    public Response upgrade(@PathParam("team") String team, @PathParam("component") String component,
                            @Context SecurityContext sc) {
        return operation(team, components.upgrade(actor(sc), team, component));
    }

    /** Runs the version numbered in the body ({@code {"version": 2}}), rolling. */
    @POST
    @Path("{component}/rollback")
    public Response rollback(@PathParam("team") String team, @PathParam("component") String component,
                             RollbackBody body, @Context SecurityContext sc) {
        if (body == null || body.version() == null) {
            throw io.kato.api.ValidationException.of("version", "is required: the number of the version to run,"
                    + " e.g. {\"version\": 2} (list them with GET .../versions)");
        }
        return operation(team, components.rollback(actor(sc), team, component, body.version()));
    }

    /** Changes the instance count and/or memory: {@code {"instances": 3}}. */
    @POST
    @Path("{component}/scale")
    public Response scale(@PathParam("team") String team, @PathParam("component") String component,
                          ScaleBody body, @Context SecurityContext sc) {
        return operation(team, components.scale(actor(sc), team, component, body == null ? null : body.instances(),
                body == null ? null : body.memoryMb()));
    }

    /** Wants the component running (its newest version): {@code 202}, the reconciler starts it. */
    @POST
    @Path("{component}/start")
    public Response start(@PathParam("team") String team, @PathParam("component") String component,
                          @Context SecurityContext sc) {
        Actor actor = actor(sc);
        return Response.accepted(view(actor, team, components.start(actor, team, component))).build();
    }

    /** Wants the component stopped: {@code 202}, the reconciler stops its instances. */
    @POST
    @Path("{component}/stop")
    public Response stop(@PathParam("team") String team, @PathParam("component") String component,
                         @Context SecurityContext sc) {
        Actor actor = actor(sc);
        return Response.accepted(view(actor, team, components.stop(actor, team, component))).build();
    }

    private Response ok(Actor actor, String team, Component c) {
        return ResourceSupport.ok(view(actor, team, c), c.version());
    }

    @GET
    public ResourceSupport.PageBody<ComponentView> list(@PathParam("team") String team,
                                                        @QueryParam("offset") Integer offset,
                                                        @QueryParam("limit") Integer limit,
                                                        @Context SecurityContext sc) {
        Actor actor = actor(sc);
        return ResourceSupport.body(components.list(actor, team, ResourceSupport.page(offset, limit))
                .map(c -> view(actor, team, c)));
    }

    @POST
    public Response create(@PathParam("team") String team, ComponentDraft draft, @Context SecurityContext sc) {
        Actor actor = actor(sc);
        Component c = components.create(actor, team, draft);
        return ResourceSupport.created(view(actor, team, c), c.version());
    }

    @GET
    @Path("{component}")
    public Response get(@PathParam("team") String team, @PathParam("component") String component,
                        @Context SecurityContext sc) {
        Actor actor = actor(sc);
        return ok(actor, team, components.get(actor, team, component));
    }

    @PATCH
    @Path("{component}")
    public Response update(@PathParam("team") String team, @PathParam("component") String component,
                           ComponentChanges changes, @HeaderParam("If-Match") String ifMatch,
                           @Context SecurityContext sc) {
        Actor actor = actor(sc);
        return ok(actor, team, components.update(actor, team, component, changes, expected(ifMatch)));
    }

    @DELETE
    @Path("{component}")
    public Response delete(@PathParam("team") String team, @PathParam("component") String component,
                           @HeaderParam("If-Match") String ifMatch, @Context SecurityContext sc) {
        components.delete(actor(sc), team, component, expected(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("{component}/ports")
    public Response ports(@PathParam("team") String team, @PathParam("component") String component,
                          @Context SecurityContext sc) {
        Component c = components.get(actor(sc), team, component);
        return ResourceSupport.ok(c.ports(), c.version());
    }

    @POST
    @Path("{component}/ports")
    public Response addPort(@PathParam("team") String team, @PathParam("component") String component, Port port,
                            @HeaderParam("If-Match") String ifMatch, @Context SecurityContext sc) {
        Component c = components.putPort(actor(sc), team, component, port, expected(ifMatch));
        return ResourceSupport.created(c.ports(), c.version());
    }

    @PUT
    @Path("{component}/ports/{port}")
    public Response putPort(@PathParam("team") String team, @PathParam("component") String component,
                            @PathParam("port") int port, PortBody body, @HeaderParam("If-Match") String ifMatch,
                            @Context SecurityContext sc) {
        Port p = body == null ? null : new Port(port, body.protocol(), body.alias(), body.inner(), body.outer());
        Component c = components.putPort(actor(sc), team, component, p, expected(ifMatch));
        return ResourceSupport.ok(c.ports(), c.version());
    }

    @DELETE
    @Path("{component}/ports/{port}")
    public Response removePort(@PathParam("team") String team, @PathParam("component") String component,
                               @PathParam("port") int port, @HeaderParam("If-Match") String ifMatch,
                               @Context SecurityContext sc) {
        Component c = components.removePort(actor(sc), team, component, port, expected(ifMatch));
        return Response.noContent().tag(ResourceSupport.tag(c.version())).build();
    }

    @GET
    @Path("{component}/env")
    public Response env(@PathParam("team") String team, @PathParam("component") String component,
                        @Context SecurityContext sc) {
        Component c = components.get(actor(sc), team, component);
        return ResourceSupport.ok(c.env(), c.version());
    }

    @PUT
    @Path("{component}/env/{name}")
    public Response putEnv(@PathParam("team") String team, @PathParam("component") String component,
                           @PathParam("name") String name, EnvBody body, @HeaderParam("If-Match") String ifMatch,
                           @Context SecurityContext sc) {
        EnvVar e = body == null ? null : new EnvVar(name, body.value(), body.scope(), body.secret());
        Component c = components.putEnv(actor(sc), team, component, e, expected(ifMatch));
        List<EnvVar> env = c.env();
        return ResourceSupport.ok(env.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(),
                c.version());
    }

    @DELETE
    @Path("{component}/env/{name}")
    public Response removeEnv(@PathParam("team") String team, @PathParam("component") String component,
                              @PathParam("name") String name, @HeaderParam("If-Match") String ifMatch,
                              @Context SecurityContext sc) {
        Component c = components.removeEnv(actor(sc), team, component, name, expected(ifMatch));
        return Response.noContent().tag(ResourceSupport.tag(c.version())).build();
    }
}
