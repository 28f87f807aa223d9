package io.kato.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.model.ComponentState;
import io.kato.api.model.SourceKind;
import io.kato.api.model.Topology;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TopologySvgTest {
    @Test
    void eachComponentIsABoxRightOfWhatDependsOnItAndEachDependencyAnArrow() throws Exception {
        Topology t = new Topology("web", List.of(
                new Topology.Node("api", "web", SourceKind.SOURCE, ComponentState.RUNNING),
                new Topology.Node("a<b", "web", SourceKind.SOURCE, ComponentState.CLOSED),
                new Topology.Node("db", "data", SourceKind.THIRD_PARTY, ComponentState.ABNORMAL)),
                List.of(new Topology.Edge("api", "db"), new Topology.Edge("a<b", "api")));
        String svg = TopologySvg.draw(t);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList groups = doc.getElementsByTagName("g");
        assertEquals(3, groups.getLength(), svg);
        assertEquals(2, doc.getElementsByTagName("line").getLength());
        double aX = x(groups, "a<b");
        double apiX = x(groups, "api");
        double dbX = x(groups, "db");
        assertTrue(aX < apiX && apiX < dbX, "dependents to the left of what they depend on: " + svg);
        assertTrue(svg.contains("stroke-dasharray"), "db belongs to another app");
        assertTrue(svg.contains("data-state=\"abnormal\""), svg);
    }

    private static double x(NodeList groups, String component) {
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("data-component").equals(component)) {
                return Double.parseDouble(((Element) g.getElementsByTagName("rect").item(0)).getAttribute("x"));
            }
        }
        throw new AssertionError(component + " is not drawn");
    }
}
