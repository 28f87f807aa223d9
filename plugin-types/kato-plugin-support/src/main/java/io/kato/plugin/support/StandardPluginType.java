package io.kato.plugin.support;

import io.kato.api.ValidationException;
import io.kato.api.gateway.GatewayPolicy;
import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginRendering;
import io.kato.api.plugin.PluginType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plugin type described by its fixed traits, rendered the standard way: the plugin's
 * container gets the component's env (the shared scope) with the plugin's own variables on
 * top (the plugin scope wins a name both have); a type that takes active discovery also
 * gets what the discovery endpoint serves it: the component's ports ({@code base_ports}),
 * its downstream components' ports ({@code base_services}) and the items depending on
 * neither ({@code base_normal}), each with the values the user set.
 */
public abstract class StandardPluginType implements PluginType {
    /** Item of inbound plugins: the most requests a second the gateway lets through. */
    public static final String RATE_LIMIT = "RATE_LIMIT";
    /** Item of inbound plugins: the only client addresses admitted. */
    public static final String ALLOW = "ALLOW";
    /** Item of inbound plugins: client addresses refused. */
    public static final String DENY = "DENY";
    private final String name;
    private final ContainerRole role;
    private final Set<DependentMetadata> metadata;
    private final Set<Injection> injections;
    private final Set<String> excludes;

    protected StandardPluginType(String name, ContainerRole role, Set<DependentMetadata> metadata,
                                 Set<Injection> injections, Set<String> excludes) {
        this.name = name;
        this.role = role;
        this.metadata = Set.copyOf(metadata);
        this.injections = Set.copyOf(injections);
        this.excludes = Set.copyOf(excludes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ContainerRole role() {
        return role;
    }

    @Override
    public Set<DependentMetadata> allowedMetadata() {
        return metadata;
    }

    @Override
    public Set<Injection> allowedInjections() {
        return injections;
    }

    @Override
    public Set<String> excludes() {
        return excludes;
    }

    @Override
    public PluginRendering render(PluginInstallation installation) {
        Map<String, String> env = new TreeMap<>(installation.componentEnv());
        env.putAll(installation.pluginEnv());
        Map<String, Object> discovery = new LinkedHashMap<>();
        if (injections.contains(Injection.DISCOVERY)) {
            List<Map<String, Object>> ports = new ArrayList<>();
            for (PluginInstallation.PortConfig p : installation.ports()) {
                Map<String, Object> port = new LinkedHashMap<>();
                port.put("port", p.port());
                port.put("protocol", p.protocol());
                port.put("options", new TreeMap<>(p.values()));
                ports.add(port);
            }
            List<Map<String, Object>> services = new ArrayList<>();
            for (PluginInstallation.DownstreamConfig d : installation.downstream()) {
                Map<String, Object> service = new LinkedHashMap<>();
                service.put("service", d.component());
                service.put("port", d.port());
                service.put("protocol", d.protocol());
                service.put("address", d.address());
                service.put("options", new TreeMap<>(d.values()));
                services.add(service);
            }
            discovery.put("base_ports", ports);
            discovery.put("base_services", services);
            discovery.put("base_normal", Map.of("options", new TreeMap<>(installation.items())));
        }
        return new PluginRendering(env, List.of(), discovery);
    }

    /**
     * The inbound traffic rules the gateway applies in place of an entry-network or governance
     * plugin, from the installation's items of these names (injected as env or served by
     * discovery alike): {@value #RATE_LIMIT} (requests a second, 0 or blank: none), {@value
     * #ALLOW} and {@value #DENY} (IP addresses and CIDR ranges, comma- or space-separated).
     *
     * @throws ValidationException naming the item whose value is not one of those
     */
    protected static GatewayPolicy inboundRules(PluginInstallation installation) {
        Map<String, String> values = new TreeMap<>(installation.items());
        values.putAll(installation.pluginEnv());
        int rate;
        String limit = values.getOrDefault(RATE_LIMIT, "").strip();
        try {
            rate = limit.isEmpty() ? 0 : Integer.parseInt(limit);
            if (rate < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw ValidationException.of(RATE_LIMIT, "must be a whole number of requests a second (0 for no limit),"
                    + " not '" + limit + "'");
        }
        return new GatewayPolicy(false, rate, addresses(values, ALLOW), addresses(values, DENY));
    }

    private static List<String> addresses(Map<String, String> values, String item) {
        try {
            return GatewayPolicy.addressList(values.get(item));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(item, e.getMessage());
        }
    }

    /** Shorthand for the sets the constructor takes. */
    protected static <E extends Enum<E>> Set<E> of(Class<E> type, List<E> values) {
        return values.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(values);
    }
}
