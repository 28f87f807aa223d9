package io.kato.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.gateway.ComponentPerformance;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsResourceTest {
    @Test
    void prometheusTextHasCountersAndACumulativeHistogramPerComponent() {
        ComponentPerformance.Window w = new ComponentPerformance.Window(60, 3, 0.05, 0.0, 12.5, 30.0);
        String text = MetricsResource.prometheus(List.of(
                new ComponentPerformance("shop", "web", 3, 1, 0.0375, List.of(1L, 1L, 2L, 3L, 3L, 3L, 3L, 3L, 3L,
                        3L, 3L), w),
                new ComponentPerformance("shop", "we\"ird", 0, 0, 0, List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
                        0L), w)));
        List<String> lines = List.of(text.split("\n"));
        assertTrue(lines.contains("# TYPE kato_gateway_requests_total counter"), text);
        assertTrue(lines.contains("kato_gateway_requests_total{team=\"shop\",component=\"web\"} 3"), text);
        assertTrue(lines.contains("kato_gateway_errors_total{team=\"shop\",component=\"web\"} 1"), text);
        assertTrue(lines.contains("kato_gateway_request_duration_seconds_bucket{team=\"shop\",component=\"web\","
                + "le=\"0.025\"} 2"), text);
        assertTrue(lines.contains("kato_gateway_request_duration_seconds_bucket{team=\"shop\",component=\"web\","
                + "le=\"+Inf\"} 3"), text);
        assertTrue(lines.contains("kato_gateway_request_duration_seconds_sum{team=\"shop\",component=\"web\"} 0.0375"),
                text);
        assertTrue(lines.contains("kato_gateway_requests_total{team=\"shop\",component=\"we\\\"ird\"} 0"),
                "label values escaped: " + text);
        assertEquals(3 * 2 + 2 * 2 + 2 * (11 + 3), lines.size(), "HELP and TYPE once per metric, 14 histogram lines each");
    }
}
