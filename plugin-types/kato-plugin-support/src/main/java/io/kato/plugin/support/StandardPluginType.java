package io.kato.plugin.support;

import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginRendering;
import io.kato.api.plugin.PluginType;
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
 * gets what the discovery endpoint serves it: the component's ports and its downstream
 * components' ports.
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
            discovery.put("base_ports", List.copyOf(installation.componentPorts()));
            discovery.put("downstream", new TreeMap<>(installation.downstream()));
        }
        return new PluginRendering(env, List.of(), discovery);
    }

    /** Shorthand for the sets the constructor takes. */
    protected static <E extends Enum<E>> Set<E> of(Class<E> type, List<E> values) {
        return values.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(values);
    }
}
