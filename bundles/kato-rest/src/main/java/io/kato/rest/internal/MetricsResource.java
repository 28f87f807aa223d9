package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.Actor;
import io.kato.api.PageRequest;
import io.kato.api.gateway.ComponentPerformance;
import io.kato.api.gateway.GatewayMetrics;
import io.kato.api.model.Team;
import io.kato.api.service.TeamService;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.SecurityContext;

/**
 * What the gateway measured, for every component with a performance-analysis plugin the
 * caller may see, in Prometheus's text format: a scraper reads it with a token, like any
 * API call.
 */
@Path("v1/metrics")
public class MetricsResource {
    /** Prometheus's text exposition format. */
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private final TeamService teams;
    private final Supplier<Optional<GatewayMetrics>> metrics;

    MetricsResource(TeamService teams, Supplier<Optional<GatewayMetrics>> metrics) {
        this.teams = teams;
        this.metrics = metrics;
    }

    @GET
    @Produces(PROMETHEUS)
    public String prometheus(@Context SecurityContext sc) {
        Actor actor = actor(sc);
        List<ComponentPerformance> all = PerformanceResource.gateway(metrics).all();
        if (!actor.admin()) {
            Set<String> visible = teams.list(actor, PageRequest.all()).items().stream().map(Team::name)
                    .collect(Collectors.toSet());
            all = all.stream().filter(p -> visible.contains(p.team())).toList();
        }
        return prometheus(all);
    }

    /** Counters and a histogram per component, labelled by team and component. */
    static String prometheus(List<ComponentPerformance> all) {
        StringBuilder b = new StringBuilder();
        b.append("# HELP kato_gateway_requests_total Requests the gateway answered for a component.\n")
                .append("# TYPE kato_gateway_requests_total counter\n");
        all.forEach(p -> b.append("kato_gateway_requests_total").append(labels(p, null)).append(' ')
                .append(p.requests()).append('\n'));
        b.append("# HELP kato_gateway_errors_total Of those, the answers with a 5xx status.\n")
                .append("# TYPE kato_gateway_errors_total counter\n");
        all.forEach(p -> b.append("kato_gateway_errors_total").append(labels(p, null)).append(' ')
                .append(p.errors()).append('\n'));
        String h = "kato_gateway_request_duration_seconds";
        b.append("# HELP ").append(h).append(" Response time of a component's requests through the gateway.\n")
                .append("# TYPE ").append(h).append(" histogram\n");
        for (ComponentPerformance p : all) {
            for (int i = 0; i < ComponentPerformance.BUCKET_SECONDS.size(); i++) {
                b.append(h).append("_bucket").append(labels(p, ComponentPerformance.BUCKET_SECONDS.get(i).toString()))
                        .append(' ').append(p.buckets().get(i)).append('\n');
            }
            b.append(h).append("_bucket").append(labels(p, "+Inf")).append(' ').append(p.requests()).append('\n');
            b.append(h).append("_sum").append(labels(p, null)).append(' ').append(p.responseSeconds()).append('\n');
            b.append(h).append("_count").append(labels(p, null)).append(' ').append(p.requests()).append('\n');
        }
        return b.toString();
    }

    private static String labels(ComponentPerformance p, String le) {
        return "{team=\"" + escape(p.team()) + "\",component=\"" + escape(p.component()) + "\""
                + (le == null ? "" : ",le=\"" + le + "\"") + "}";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
