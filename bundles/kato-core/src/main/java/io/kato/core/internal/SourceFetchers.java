package io.kato.core.internal;

import io.kato.api.source.SourceFetcher;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The source fetchers registered right now, chosen by kind as {@link SourceFetcher} says. */
@Component(service = SourceFetchers.class)
public class SourceFetchers {
    private final Map<Long, Entry> fetchers = new ConcurrentHashMap<>();

    record Entry(SourceFetcher fetcher, long serviceId, int ranking) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFetcher(SourceFetcher fetcher, Map<String, Object> props) {
        long id = (Long) props.get(Constants.SERVICE_ID);
        fetchers.put(id, new Entry(fetcher, id, props.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0));
    }

    void removeFetcher(SourceFetcher fetcher, Map<String, Object> props) {
        fetchers.remove((Long) props.get(Constants.SERVICE_ID));
    }

    Optional<SourceFetcher> forKind(String kind) {
        return fetchers.values().stream().filter(e -> e.fetcher().kind().equals(kind))
                .min(Comparator.comparingInt((Entry e) -> -e.ranking()).thenComparingLong(Entry::serviceId))
                .map(Entry::fetcher);
    }

    String kinds() {
        return String.join(", ", fetchers.values().stream().map(e -> e.fetcher().kind()).sorted().distinct().toList());
    }
}
