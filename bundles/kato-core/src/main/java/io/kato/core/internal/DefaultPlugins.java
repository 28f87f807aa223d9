package io.kato.core.internal;

import io.kato.api.model.Plugin;
import io.kato.api.model.PluginConfigGroup;
import io.kato.api.model.PluginConfigItem;
import io.kato.api.model.PluginConfigItem.ParamType;
import java.util.List;

/**
 * The plugins Kato ships, ready to add to a team: none needs an image, so each works on the
 * local runtime as soon as it is added (the gateway does the first two's work; the third is
 * a shell pipeline of tools every Debian-like host has).
 */
final class DefaultPlugins {
    /** Measures response time, throughput and error rate in the gateway. */
    static final Plugin PERFORMANCE = plugin("perf-analyze", "performance-analysis", null, 16, 10,
            "Response time, throughput and error rate of the component's requests through the gateway:"
                    + " GET .../components/{c}/performance, kato:performance, and /api/v1/metrics for Prometheus",
            List.of());

    /** Guards inbound traffic in the gateway; outbound governance comes with dependencies. */
    static final Plugin GOVERNANCE = plugin("net-governance", "governance", null, 16, 10,
            "Network governance at the gateway: a rate limit and allow/deny lists for the requests that reach the"
                    + " component", List.of(new PluginConfigGroup("inbound", null, null, List.of(
                    item("RATE_LIMIT", ParamType.STRING, null, "0",
                            "Most requests a second for the component, all instances together (0: no limit)"),
                    item("ALLOW", ParamType.STRING, null, "",
                            "Only these client addresses or CIDR ranges, comma-separated (empty: all)"),
                    item("DENY", ParamType.STRING, null, "",
                            "Client addresses or CIDR ranges refused, comma-separated")))));

    /**
     * Forwards the instance's log, line by line, to a syslog server. {@code tail -F} follows
     * the log through Kato's rotation (it is truncated in place); {@code logger} sends each
     * line tagged, over UDP or TCP.
     */
    static final Plugin LOG_COLLECTOR = plugin("log-collector", "general",
            "tail -n +1 -F \"$KATO_INSTANCE_LOG\" 2>/dev/null | logger --tag \"$LOG_TAG\" --server \"$SYSLOG_HOST\""
                    + " --port \"$SYSLOG_PORT\" --\"$SYSLOG_PROTOCOL\"", 16, 20,
            "Sends every line the component logs to a syslog server (on the local runtime)",
            List.of(new PluginConfigGroup("syslog", null, null, List.of(
                    item("SYSLOG_HOST", ParamType.STRING, null, "127.0.0.1", "The syslog server's address"),
                    item("SYSLOG_PORT", ParamType.STRING, null, "514", "Its port"),
                    item("SYSLOG_PROTOCOL", ParamType.SINGLE, List.of("udp", "tcp"), "udp", "How lines travel"),
                    item("LOG_TAG", ParamType.STRING, null, "kato", "The tag every line carries")))));

    static final List<Plugin> ALL = List.of(PERFORMANCE, GOVERNANCE, LOG_COLLECTOR);

    private DefaultPlugins() {
    }

    private static Plugin plugin(String name, String type, String localCommand, int memoryMb, int cpuMillis,
                                 String description, List<PluginConfigGroup> groups) {
        return new Plugin(null, name, type, null, null, null, null, null, memoryMb, cpuMillis, localCommand,
                description, groups, null, null, null);
    }

    private static PluginConfigItem item(String name, ParamType type, List<String> allowed, String defaultValue,
                                         String description) {
        return new PluginConfigItem(name, null, type, allowed, defaultValue, true, description);
    }
}
