package io.kato.core.internal;

import io.kato.api.model.WireEnum;
import io.kato.api.plugin.PluginType;
import io.kato.api.service.PluginTypeRegistry;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Tracks plugin types as their bundles come and go. Of several with one name, the
 * selection rule of {@link PluginType} picks: highest ranking, then the earliest registered.
 */
@Component(service = {PluginTypeRegistry.class, PluginTypeRegistryImpl.class})
public class PluginTypeRegistryImpl implements PluginTypeRegistry {
    private final RankedServices<PluginType> types = new RankedServices<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addType(PluginType type, Map<String, Object> props) {
        types.add(type, props);
    }

    void removeType(PluginType type, Map<String, Object> props) {
        types.remove(props);
    }

    /** The type of that name the selection rule picks, while one is registered. */
    Optional<PluginType> byName(String name) {
        return Optional.ofNullable(winners().get(name)).map(RankedServices.Ranked::service);
    }

    private Map<String, RankedServices.Ranked<PluginType>> winners() {
        Map<String, RankedServices.Ranked<PluginType>> byName = new LinkedHashMap<>();
        types.ranked().forEach(r -> byName.putIfAbsent(r.service().name(), r));
        return byName;
    }

    @Override
    public List<PluginTypeInfo> pluginTypes() {
        return winners().values().stream().sorted(Comparator.comparing(r -> r.service().name())).map(r -> {
            PluginType t = r.service();
            Bundle bundle = FrameworkUtil.getBundle(t.getClass());
            return new PluginTypeInfo(t.name(), WireEnum.name(t.role()),
                    t.allowedMetadata().stream().sorted().map(WireEnum::name).toList(),
                    t.allowedInjections().stream().sorted().map(WireEnum::name).toList(),
                    t.excludes().stream().sorted().toList(), r.ranking(), bundle == null ? "" : bundle.getSymbolicName());
        }).toList();
    }
}
