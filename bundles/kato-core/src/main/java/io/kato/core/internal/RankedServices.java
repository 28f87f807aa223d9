package io.kato.core.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Constants;

/**
 * Services of one SPI as they come and go, in the selection order every Kato SPI uses:
 * highest {@code service.ranking} first, then the lowest {@code service.id} (the first
 * registered).
 */
final class RankedServices<T> {
    private final Map<Long, Entry<T>> byId = new ConcurrentHashMap<>();

    private record Entry<T>(T service, long serviceId, int ranking) {
    }

    void add(T service, Map<String, Object> props) {
        long id = (Long) props.get(Constants.SERVICE_ID);
        byId.put(id, new Entry<>(service, id, props.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0));
    }

    void remove(Map<String, Object> props) {
        byId.remove((Long) props.get(Constants.SERVICE_ID));
    }

    List<T> ordered() {
        return ranked().stream().map(Ranked::service).toList();
    }

    /** A service with its ranking. */
    record Ranked<T>(T service, int ranking) {
    }

    /** The same order, with each service's ranking. */
    List<Ranked<T>> ranked() {
        return byId.values().stream()
                .sorted(Comparator.comparingInt((Entry<T> e) -> -e.ranking()).thenComparingLong(Entry::serviceId))
                .map(e -> new Ranked<>(e.service(), e.ranking())).toList();
    }
}
