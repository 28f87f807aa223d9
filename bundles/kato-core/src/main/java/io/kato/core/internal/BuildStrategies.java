package io.kato.core.internal;

import io.kato.api.build.BuildContext;
import io.kato.api.build.BuildStrategy;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The build strategies registered right now, chosen as {@link BuildStrategy} says. */
@Component(service = BuildStrategies.class)
public class BuildStrategies {
    private final RankedServices<BuildStrategy> strategies = new RankedServices<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addStrategy(BuildStrategy strategy, Map<String, Object> props) {
        strategies.add(strategy, props);
    }

    void removeStrategy(BuildStrategy strategy, Map<String, Object> props) {
        strategies.remove(props);
    }

    /** The first strategy, in selection order, that supports the context. */
    Optional<BuildStrategy> choose(BuildContext context) {
        return strategies.ordered().stream().filter(s -> s.supports(context)).findFirst();
    }

    String names() {
        return String.join(", ", strategies.ordered().stream().map(BuildStrategy::name).sorted().toList());
    }
}
