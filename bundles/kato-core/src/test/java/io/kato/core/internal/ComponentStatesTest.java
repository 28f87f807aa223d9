package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kato.api.model.ComponentState;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.Observation.Instance;
import io.kato.core.internal.ComponentStates.Facts;
import io.kato.core.internal.ComponentStates.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentStatesTest {
    private static final Instance READY = new Instance("i-1", true, true, 0);
    private static final Instance READY_2 = new Instance("i-2", true, true, 0);
    private static final Instance ALIVE_NOT_READY = new Instance("i-3", true, false, 0);
    private static final Instance DEAD = new Instance("i-4", false, false, 0);
    private static final Instance RESTARTED = new Instance("i-5", true, false, 3);

    private static Observation seen(Instance... instances) {
        return new Observation(true, "v1", List.of(instances));
    }

    private static ComponentState derive(boolean desiredRunning, int instances, boolean hasVersion,
                                         boolean lastBuildFailed, Operation op, Observation o) {
        return ComponentStates.derive(new Facts(desiredRunning, instances, hasVersion, lastBuildFailed, op, o));
    }

    @Test
    void buildingWinsOverEverythingElse() {
        assertEquals(ComponentState.BUILDING, derive(true, 1, false, true, Operation.BUILDING, null));
        assertEquals(ComponentState.BUILDING, derive(true, 1, true, false, Operation.BUILDING, seen(READY)));
    }

    @Test
    void noVersionAfterAFailedBuildIsBuildFailed() {
        assertEquals(ComponentState.BUILD_FAILED, derive(true, 1, false, true, Operation.NONE, seen(READY)));
    }

    @Test
    void noVersionAndNoFailedBuildIsUndeployed() {
        assertEquals(ComponentState.UNDEPLOYED, derive(true, 1, false, false, Operation.NONE, null));
        assertEquals(ComponentState.UNDEPLOYED, derive(false, 0, false, false, Operation.NONE, seen(READY)));
    }

    @Test
    void withoutARuntimeObservationTheStateIsUnknown() {
        assertEquals(ComponentState.UNKNOWN, derive(true, 1, true, false, Operation.NONE, null));
        assertEquals(ComponentState.UNKNOWN, derive(true, 1, true, false, Operation.UPGRADING, null));
        assertEquals(ComponentState.UNKNOWN, derive(false, 1, true, false, Operation.STOPPING, null));
    }

    @Test
    void anUpgradeInProgressIsUpgrading() {
        assertEquals(ComponentState.UPGRADING, derive(true, 2, true, false, Operation.UPGRADING, seen(READY)));
        assertEquals(ComponentState.UPGRADING, derive(true, 1, true, false, Operation.UPGRADING, seen(READY)));
    }

    @Test
    void notWantedRunningWithAliveInstancesIsStopping() {
        assertEquals(ComponentState.STOPPING, derive(false, 1, true, false, Operation.NONE, seen(READY)));
        assertEquals(ComponentState.STOPPING, derive(true, 0, true, false, Operation.NONE, seen(ALIVE_NOT_READY)));
        assertEquals(ComponentState.STOPPING, derive(true, 1, true, false, Operation.STOPPING, seen(READY)));
    }

    @Test
    void notWantedRunningWithNothingAliveIsClosed() {
        assertEquals(ComponentState.CLOSED, derive(false, 1, true, false, Operation.NONE, seen()));
        assertEquals(ComponentState.CLOSED, derive(false, 1, true, false, Operation.NONE, seen(DEAD)));
        assertEquals(ComponentState.CLOSED, derive(true, 0, true, false, Operation.NONE, Observation.absent()));
        assertEquals(ComponentState.CLOSED, derive(true, 1, true, false, Operation.STOPPING, seen(DEAD)));
    }

    @Test
    void enoughReadyInstancesIsRunning() {
        assertEquals(ComponentState.RUNNING, derive(true, 2, true, false, Operation.NONE, seen(READY, READY_2)));
        assertEquals(ComponentState.RUNNING, derive(true, 1, true, false, Operation.NONE, seen(READY, DEAD)),
                "ready instances reaching the desired count is running, even with a dead extra one");
    }

    @Test
    void tooFewReadyWithoutTroubleIsStarting() {
        assertEquals(ComponentState.STARTING, derive(true, 2, true, false, Operation.NONE, seen(READY)));
        assertEquals(ComponentState.STARTING, derive(true, 1, true, false, Operation.NONE, seen(ALIVE_NOT_READY)));
        assertEquals(ComponentState.STARTING, derive(true, 1, true, false, Operation.NONE, Observation.absent()),
                "a runtime that holds nothing yet is starting, not abnormal");
    }

    @Test
    void tooFewReadyWithDeadOrRestartingInstancesIsAbnormal() {
        assertEquals(ComponentState.ABNORMAL, derive(true, 2, true, false, Operation.NONE, seen(READY, DEAD)));
        assertEquals(ComponentState.ABNORMAL, derive(true, 1, true, false, Operation.NONE, seen(RESTARTED)));
    }

    @Test
    void statesTravelAsLowerCaseWireNames() {
        assertEquals("build_failed", ComponentState.BUILD_FAILED.toString());
        assertEquals("undeployed", ComponentState.UNDEPLOYED.toString());
    }
}
