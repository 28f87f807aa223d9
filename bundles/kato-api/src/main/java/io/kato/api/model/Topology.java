package io.kato.api.model;

import java.util.List;

/**
 * An app's components and what they depend on: its own components, and the components of
 * other apps (or outside the platform) they depend on, with their state.
 *
 * @param app   the app
 * @param nodes its components first, then the others its components depend on, by name
 * @param edges one per dependency, from the dependent to what it depends on
 */
public record Topology(String app, List<Node> nodes, List<Edge> edges) {
    public Topology {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * @param component  its name
     * @param app        its app (another one for a dependency outside the app)
     * @param sourceKind what it is
     * @param state      its state now
     */
    public record Node(String component, String app, SourceKind sourceKind, ComponentState state) {
    }

    /** {@code from} depends on {@code to}. */
    public record Edge(String from, String to) {
    }
}
