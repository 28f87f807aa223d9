package io.kato.gateway.internal;

import io.kato.api.gateway.RouteTable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Round robin over a component's ready instances, one turn counter per component. */
final class Picker {
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

    /** The next upstream of the route; the route must have one. */
    String next(RouteTable.Route r) {
        List<String> upstreams = r.upstreams();
        int turn = turns.computeIfAbsent(r.team() + "/" + r.component(), k -> new AtomicInteger()).getAndIncrement();
        return upstreams.get(Math.floorMod(turn, upstreams.size()));
    }
}
