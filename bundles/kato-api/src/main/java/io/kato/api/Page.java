package io.kato.api;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the items, where the page starts, and how many there are in all. */
public record Page<T>(List<T> items, int offset, int limit, long total) {
    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), offset, limit, total);
    }
}
