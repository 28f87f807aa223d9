package io.kato.rest.internal;

import static io.kato.rest.internal.ResourceSupport.actor;

import io.kato.api.NotFoundException;
import io.kato.api.gateway.ComponentPerformance;
import io.kato.api.gateway.GatewayMetrics;
import io.kato.api.service.PluginInstallService;
import java.util.Optional;
import java.util.function.Supplier;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * What the gateway measured for a component with a performance-analysis plugin (every
 * measured component, for Prometheus: {@link MetricsResource}).
 */
@Path("v1/teams/{team}/components/{component}/performance")
public class PerformanceResource {
    private final PluginInstallService installs;
    private final Supplier<Optional<GatewayMetrics>> metrics;

    PerformanceResource(PluginInstallService installs, Supplier<Optional<GatewayMetrics>> metrics) {
        this.installs = installs;
        this.metrics = metrics;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ComponentPerformance component(@PathParam("team") String team, @PathParam("component") String component,
                                          @Context SecurityContext sc) {
        installs.list(actor(sc), team, component); // may read it, and it exists
        return gateway(metrics).performance(team, component).orElseThrow(() -> new NotFoundException("No request to '"
                + component + "' was measured since the gateway started: install a performance-analysis plugin on"
                + " it (kato:plugin-install), then its requests through the gateway are"));
    }

    /** The gateway's measurements, or a conflict saying it does not run. */
    static GatewayMetrics gateway(Supplier<Optional<GatewayMetrics>> metrics) {
        return metrics.get().orElseThrow(() -> new io.kato.api.ConflictException("Kato's gateway is not running,"
                + " so nothing is measured: start the kato-gateway bundle"));
    }
}
