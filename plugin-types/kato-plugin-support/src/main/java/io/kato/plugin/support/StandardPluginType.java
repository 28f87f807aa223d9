package io.kato.plugin.support;

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

    /** Shorthand for the sets the constructor takes. */
    protected static <E extends Enum<E>> Set<E> of(Class<E> type, List<E> values) {
        return values.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(values);
    }
}
