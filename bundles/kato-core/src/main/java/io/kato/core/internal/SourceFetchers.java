package io.kato.core.internal;

import io.kato.api.source.SourceFetcher;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The source fetchers registered right now, chosen by kind as {@link SourceFetcher} says. */
@Component(service = SourceFetchers.class)
public class SourceFetchers {
    private final RankedServices<SourceFetcher> fetchers = new RankedServices<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFetcher(SourceFetcher fetcher, Map<String, Object> props) {
        fetchers.add(fetcher, props);
    }

    void removeFetcher(SourceFetcher fetcher, Map<String, Object> props) {
        fetchers.remove(props);
    }

    Optional<SourceFetcher> forKind(String kind) {
        return fetchers.ordered().stream().filter(f -> f.kind().equals(kind)).findFirst();
    }

    String kinds() {
        return String.join(", ", fetchers.ordered().stream().map(SourceFetcher::kind).sorted().distinct().toList());
    }
}
