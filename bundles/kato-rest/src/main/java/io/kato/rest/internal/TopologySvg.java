package io.kato.rest.internal;

import io.kato.api.model.ComponentState;
import io.kato.api.model.SourceKind;
import io.kato.api.model.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a topology: dependents on the left, what they depend on to their right (one column
 * per step of the longest chain leading to it), each component a box coloured by its state,
 * an arrow per dependency. Components of other apps are dashed, third-party ones rounded.
 */
final class TopologySvg {
    private static final int WIDTH = 180;
    private static final int HEIGHT = 48;
    private static final int GAP_X = 80;
    private static final int GAP_Y = 24;
    private static final int MARGIN = 20;

    private TopologySvg() {
    }

    static String draw(Topology t) {
        Map<String, Integer> column = new HashMap<>();
        t.nodes().forEach(n -> column.put(n.component(), 0));
        // longest chain from a dependent: a topology has no cycle, so this settles within n rounds
        for (int round = 0; round < t.nodes().size(); round++) {
            boolean moved = false;
            for (Topology.Edge e : t.edges()) {
                int next = column.getOrDefault(e.from(), 0) + 1;
                if (column.getOrDefault(e.to(), 0) < next) {
                    column.put(e.to(), next);
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
        }
        Map<Integer, List<Topology.Node>> columns = new HashMap<>();
        t.nodes().forEach(n -> columns.computeIfAbsent(column.get(n.component()), k -> new ArrayList<>()).add(n));
        int cols = columns.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int rows = columns.values().stream().mapToInt(List::size).max().orElse(0);
        Map<String, int[]> at = new HashMap<>();
        columns.forEach((c, list) -> {
            for (int r = 0; r < list.size(); r++) {
                at.put(list.get(r).component(), new int[] {MARGIN + c * (WIDTH + GAP_X),
                        MARGIN + r * (HEIGHT + GAP_Y)});
            }
        });
        int w = MARGIN * 2 + cols * WIDTH + (cols - 1) * GAP_X;
        int h = MARGIN * 2 + Math.max(1, rows) * HEIGHT + Math.max(0, rows - 1) * GAP_Y;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" font-family=\"sans-serif\""
                        + " font-size=\"13\">\n<title>Topology of ").append(escape(t.app())).append("</title>\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                        + " markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/>"
                        + "</marker></defs>\n");
        for (Topology.Edge e : t.edges()) {
            int[] from = at.get(e.from());
            int[] to = at.get(e.to());
            if (from != null && to != null) {
                b.append("<line class=\"edge\" x1=\"").append(from[0] + WIDTH).append("\" y1=\"")
                        .append(from[1] + HEIGHT / 2).append("\" x2=\"").append(to[0]).append("\" y2=\"")
                        .append(to[1] + HEIGHT / 2).append("\" stroke=\"#555\" marker-end=\"url(#arrow)\"><title>")
                        .append(escape(e.from())).append(" depends on ").append(escape(e.to()))
                        .append("</title></line>\n");
            }
        }
        for (Topology.Node n : t.nodes()) {
            int[] p = at.get(n.component());
            boolean outside = !n.app().equals(t.app());
            b.append("<g class=\"node\" data-component=\"").append(escape(n.component())).append("\" data-state=\"")
                    .append(n.state()).append("\"><rect x=\"").append(p[0]).append("\" y=\"").append(p[1])
                    .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" rx=\"")
                    .append(n.sourceKind() == SourceKind.THIRD_PARTY ? 18 : 4).append("\" fill=\"")
                    .append(fill(n.state())).append("\" stroke=\"#333\"")
                    .append(outside ? " stroke-dasharray=\"5,3\"" : "").append("/><text x=\"").append(p[0] + 10)
                    .append("\" y=\"").append(p[1] + 20).append("\" font-weight=\"bold\">")
                    .append(escape(n.component())).append("</text><text x=\"").append(p[0] + 10).append("\" y=\"")
                    .append(p[1] + 38).append("\" fill=\"#333\">").append(n.state())
                    .append(outside ? " · " + escape(n.app()) : "").append("</text></g>\n");
        }
        return b.append("</svg>\n").toString();
    }

    private static String fill(ComponentState s) {
        return switch (s) {
            case RUNNING -> "#c8e6c9";
            case STARTING, UPGRADING, BUILDING, STOPPING -> "#fff3c4";
            case ABNORMAL, BUILD_FAILED -> "#ffcdd2";
            default -> "#eceff1";
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
