package io.kato.core.internal;

import io.kato.api.detect.LanguageDetector;
import io.kato.api.service.LanguageRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Tracks language detectors as their bundles come and go. Ordered by the selection rule
 * of {@link LanguageDetector}: highest ranking first, then the earliest registered.
 */
@Component(service = {LanguageRegistry.class, LanguageRegistryImpl.class})
public class LanguageRegistryImpl implements LanguageRegistry {
    /** Keyed by service id, so the same detector class registered twice is kept twice. */
    private final Map<Long, Entry> detectors = new ConcurrentSkipListMap<>();

    record Entry(LanguageDetector detector, long serviceId, int ranking, String bundle) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDetector(LanguageDetector detector, Map<String, Object> props) {
        Bundle bundle = FrameworkUtil.getBundle(detector.getClass());
        detectors.put((Long) props.get(Constants.SERVICE_ID), new Entry(detector, (Long) props.get(Constants.SERVICE_ID),
                props.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                bundle == null ? "" : bundle.getSymbolicName()));
    }

    void removeDetector(LanguageDetector detector, Map<String, Object> props) {
        detectors.remove((Long) props.get(Constants.SERVICE_ID));
    }

    /** Detectors in selection order. */
    List<Entry> ordered() {
        return detectors.values().stream()
                .sorted(Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId))
                .toList();
    }

    @Override
    public List<LanguageInfo> languages() {
        return ordered().stream().map(e -> new LanguageInfo(e.detector().language(), e.detector().displayName(),
                e.ranking(), e.bundle(), e.detector().variants().stream().sorted().toList())).toList();
    }
}
