package io.kato.api.gateway;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a gateway measured for the components whose route asks it to
 * ({@link GatewayPolicy#measure()}): the performance-analysis plugin, built into the gateway.
 *
 * <p><b>Contract.</b> Answers from memory. Counts start when the gateway starts (a restart
 * starts them anew, as Prometheus counters do) and when a component is first measured; a
 * component no request reached has no entry.
 */
@ProviderType
public interface GatewayMetrics {
    /** One component's figures, or empty when no measured request reached it since the gateway started. */
    Optional<ComponentPerformance> performance(String team, String component);

    /** Every measured component's figures, by team, then component. */
    List<ComponentPerformance> all();
}
