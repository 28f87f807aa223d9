package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.Team;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
    record Pair(String left, Object right) {
    }

    @Test
    void scalarsAndNullAreWrittenAsJsonValues() {
        assertEquals("null", RecordJson.of(null));
        assertEquals("42", RecordJson.of(42));
        assertEquals("-1.5", RecordJson.of(-1.5));
        assertEquals("true", RecordJson.of(true));
        assertEquals("\"text\"", RecordJson.of("text"));
    }

    @Test
    void recordsBecomeObjectsWithTheirComponentsInDeclarationOrder() {
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        Team team = new Team("id-1", "shop", "Shop", "DEV", 3, at, at, "kubernetes");
        assertEquals("{\"id\":\"id-1\",\"name\":\"shop\",\"displayName\":\"Shop\",\"environment\":\"DEV\","
                + "\"version\":3,\"createdAt\":\"2026-01-02T03:04:05.678Z\",\"updatedAt\":\"2026-01-02T03:04:05.678Z\","
                + "\"runtime\":\"kubernetes\"}",
                RecordJson.of(team));
    }

    @Test
    void enumsUseTheirWireNamesAndNestedListsAndRecordsAreWritten() {
        Pair p = new Pair("ports", List.of(new Port(80, Protocol.HTTP, "WEB", true, false)));
        assertEquals("{\"left\":\"ports\",\"right\":[{\"port\":80,\"protocol\":\"http\",\"alias\":\"WEB\","
                + "\"inner\":true,\"outer\":false}]}", RecordJson.of(p));
        assertEquals("[]", RecordJson.of(List.of()));
        assertEquals("[1,2,3]", RecordJson.of(List.of(1, 2, 3)));
    }

    @Test
    void mapsBecomeObjectsWithStringKeys() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put(2, null);
        assertEquals("{\"a\":1,\"2\":null}", RecordJson.of(m));
        assertEquals("{}", RecordJson.of(Map.of()));
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("\"quote \\\" back \\\\ nl \\n cr \\r tab \\t bell \\u0007 é\"",
                RecordJson.of("quote \" back \\ nl \n cr \r tab \t bell \u0007 é"));
        assertEquals("{\"left\":\"k\\\"ey\",\"right\":null}", RecordJson.of(new Pair("k\"ey", null)));
    }

    @Test
    void aMaskedSecretIsWrittenMasked() {
        EnvVar secret = new EnvVar("DB_PASSWORD", "hunter2", EnvScope.RUNTIME, true).masked();
        assertEquals("{\"name\":\"DB_PASSWORD\",\"value\":\"********\",\"scope\":\"runtime\",\"secret\":true}",
                RecordJson.of(secret));
    }
}
