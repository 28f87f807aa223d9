package io.kato.registration.staticlist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.thirdparty.RegistrationMethod.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticMethodTest {
    private final StaticMethod method = new StaticMethod();

    @Test
    void addressesGetTheComponentsPortUnlessTheyHaveTheirOwn() throws Exception {
        List<List<Endpoint>> pushed = new ArrayList<>();
        method.start("c1", Map.of("addresses", "10.0.0.5, 10.0.0.6:3307 [fd00::5]:3308 fd00::6"), 3306,
                pushed::add).close();
        assertEquals(List.of(List.of(new Endpoint("10.0.0.5", 3306, true), new Endpoint("10.0.0.6", 3307, true),
                new Endpoint("fd00::5", 3308, true), new Endpoint("fd00::6", 3306, true))), pushed);
        assertEquals("[fd00::5]:3308", pushed.get(0).get(2).address());
        assertEquals(List.of(new Endpoint("db.example.org", 5432, true)),
                StaticMethod.parse("db.example.org:5432", 3306));
    }

    @Test
    void whatItCannotUseIsSaidInWords() {
        assertEquals(List.of(), method.validate(Map.of("addresses", "10.0.0.5")));
        for (String bad : List.of("", "10.0.0.5:0", "10.0.0.5:x", "db.example.org, 10.0.0.5", "under_score.example",
                "[fd00::5", "10.0.0.5:70000", "[x]", "[]:5", "[fd00::5]3306")) {
            List<String> problems = method.validate(Map.of("addresses", bad));
            assertEquals(1, problems.size(), bad + ": " + problems);
        }
        assertTrue(method.validate(Map.of("addresses", "10.0.0.5", "port", "1")).get(0).contains("unknown setting"));
    }
}
