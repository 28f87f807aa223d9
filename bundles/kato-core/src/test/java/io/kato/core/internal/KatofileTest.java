package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.Detection;
import io.kato.api.detect.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KatofileTest {
    private final List<Problem> problems = new ArrayList<>();

    private static Detection detected(String language, String start, int port) {
        return new Detection(language, Map.of("v", "1"), "build", start, List.of(port), Map.of("A", "detected"),
                List.of(), List.of());
    }

    @Test
    void aValidKatofileOverridesTheLanguageAndItsProperties() {
        Katofile k = Katofile.parse("""
                language: python
                startCommand: gunicorn app:app
                ports: [8000, 9000]
                envs:
                  A: from-katofile
                  B: two
                services:
                  - name: api
                    path: services/api
                """, problems);
        assertTrue(problems.isEmpty(), problems.toString());
        List<Detection> out = k.apply(List.of(detected("nodejs", "node x", 3000), detected("python", "python x", 5000)),
                problems);
        Detection primary = out.get(0);
        assertEquals("python", primary.language());
        assertEquals("gunicorn app:app", primary.startCommand());
        assertEquals(List.of(8000, 9000), primary.ports());
        assertEquals(Map.of("A", "from-katofile", "B", "two"), primary.env());
        assertEquals(List.of(new Detection.Module("api", "services/api")), primary.modules());
        assertEquals("nodejs", out.get(1).language(), "the other matches are still reported");
    }

    @Test
    void aLanguageNoDetectorFoundIsKeptAndSaidSo() {
        Katofile k = Katofile.parse("language: elixir\n", problems);
        List<Detection> out = k.apply(List.of(detected("static", null, 80)), problems);
        assertEquals("elixir", out.get(0).language());
        assertTrue(problems.get(0).message().contains("no installed detector"));
    }

    @Test
    void invalidYamlIsAProblemNamingTheLine() {
        assertNull(Katofile.parse("language: go\nports: [8080\nenvs: {}\n", problems));
        Problem p = problems.get(0);
        assertEquals(Problem.Severity.ERROR, p.severity());
        assertTrue(p.line() >= 2, "line " + p.line());
        assertTrue(p.message().startsWith("Katofile line " + p.line()), p.message());
    }

    @Test
    void unknownKeysAndBadPortsAreProblemsButTheRestApplies() {
        Katofile k = Katofile.parse("lang: go\nports: [80, 99999, web]\nstartCommand: ./app\n", problems);
        assertEquals(List.of(80), k.ports());
        assertEquals("./app", k.startCommand());
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("unknown key 'lang'"));
    }

    @Test
    void anEmptyKatofileChangesNothing() {
        Katofile k = Katofile.parse("", problems);
        Detection d = detected("go", "./app", 8080);
        assertEquals(List.of(d), k.apply(List.of(d), problems));
        assertTrue(problems.isEmpty());
    }
}
