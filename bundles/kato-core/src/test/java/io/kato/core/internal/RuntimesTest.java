package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.runtime.RuntimeHealth;
import io.kato.api.service.RuntimeRegistry.RuntimeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimesTest {
    /** The reconciler test's recording runtime, with a health of the test's choosing (null: its check throws). */
    private static ReconcilerTest.FakeRuntime named(String name, RuntimeHealth health) {
        return new ReconcilerTest.FakeRuntime(name) {
            @Override
            public RuntimeHealth health() {
                if (health == null) {
                    throw new IllegalStateException("probe crashed");
                }
                return health;
            }
        };
    }

    @Test
    void theActiveRuntimeComesFirstAndAMissingOneIsSaid() {
        Runtimes runtimes = new Runtimes("kubernetes");
        runtimes.addRuntime(named("local", RuntimeHealth.UP));
        List<RuntimeInfo> listed = runtimes.runtimes();
        assertEquals(List.of("kubernetes", "local"), listed.stream().map(RuntimeInfo::name).toList());
        assertTrue(listed.get(0).active());
        assertFalse(listed.get(0).up());
        assertTrue(listed.get(0).message().contains("No installed bundle provides runtime 'kubernetes'"));
        assertFalse(listed.get(1).active());
        assertTrue(listed.get(1).up());

        runtimes.addRuntime(named("kubernetes", new RuntimeHealth(false, "cluster away")));
        runtimes.addRuntime(named("broken", null));
        listed = runtimes.runtimes();
        assertEquals(List.of("kubernetes", "broken", "local"), listed.stream().map(RuntimeInfo::name).toList());
        assertEquals("cluster away", listed.get(0).message());
        assertTrue(listed.get(1).message().contains("probe crashed"), "a failing health check is down, not an error");
        assertTrue(runtimes.forTeam("team-1").isPresent(), "a team without a runtime of its own has the active one");
        assertTrue(runtimes.forTeamAndUp("team-1").isEmpty(), "its components show as unknown while it is down");
        runtimes.addRuntime(named("kubernetes", RuntimeHealth.UP));
        assertTrue(runtimes.forTeamAndUp("team-1").isPresent());
    }
}
