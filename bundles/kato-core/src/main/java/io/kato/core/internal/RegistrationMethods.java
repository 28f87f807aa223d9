package io.kato.core.internal;

import io.kato.api.service.ThirdPartyService.MethodInfo;
import io.kato.api.thirdparty.RegistrationMethod;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Tracks registration methods as their bundles come and go. Of several with one name, the
 * selection rule of {@link RegistrationMethod} picks. Listeners hear of every change (the
 * endpoint watcher closes a departing method's handles and starts a returning one's).
 */
@Component(service = RegistrationMethods.class)
public class RegistrationMethods {
    private final RankedServices<RegistrationMethod> methods = new RankedServices<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addMethod(RegistrationMethod method, Map<String, Object> props) {
        methods.add(method, props);
        listeners.forEach(Runnable::run);
    }

    void removeMethod(RegistrationMethod method, Map<String, Object> props) {
        methods.remove(props);
        listeners.forEach(Runnable::run);
    }

    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** The method of that name the selection rule picks, while one is registered. */
    Optional<RegistrationMethod> byName(String name) {
        return Optional.ofNullable(winners().get(name)).map(RankedServices.Ranked::service);
    }

    private Map<String, RankedServices.Ranked<RegistrationMethod>> winners() {
        Map<String, RankedServices.Ranked<RegistrationMethod>> byName = new LinkedHashMap<>();
        methods.ranked().forEach(r -> byName.putIfAbsent(r.service().name(), r));
        return byName;
    }

    List<MethodInfo> infos() {
        return winners().values().stream().map(RankedServices.Ranked::service)
                .sorted(Comparator.comparing(RegistrationMethod::name)).map(m -> {
                    Bundle bundle = FrameworkUtil.getBundle(m.getClass());
                    return new MethodInfo(m.name(), m.usage(), m.pushed(), bundle == null ? "" : bundle.getSymbolicName());
                }).toList();
    }
}
