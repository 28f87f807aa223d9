package io.kato.core.internal;

import io.kato.api.model.ComponentState;
import io.kato.api.runtime.Observation;

/**
 * The one function that names a component's state. Everything it needs is passed in,
 * so it is tested alone and every interface shows the same state for the same facts.
 */
final class ComponentStates {
    /** The operation in progress on a component, as far as the state is concerned. */
    enum Operation { NONE, BUILDING, UPGRADING, STOPPING }

    /**
     * What the state is derived from.
     *
     * @param desiredRunning    the user wants it running
     * @param desiredInstances  how many instances it should have
     * @param hasVersion        a built version exists to run
     * @param lastBuildFailed   the latest build failed
     * @param operation         the operation in progress
     * @param observation       what the active runtime sees, or null when no runtime is active
     */
    record Facts(boolean desiredRunning, int desiredInstances, boolean hasVersion, boolean lastBuildFailed,
                 Operation operation, Observation observation) {
    }

    private ComponentStates() {
    }

    static ComponentState derive(Facts f) {
        if (f.operation() == Operation.BUILDING) {
            return ComponentState.BUILDING;
        }
        if (!f.hasVersion()) {
            return f.lastBuildFailed() ? ComponentState.BUILD_FAILED : ComponentState.UNDEPLOYED;
        }
        Observation o = f.observation();
        if (o == null) {
            return ComponentState.UNKNOWN;
        }
        long alive = o.instances().stream().filter(Observation.Instance::alive).count();
        if (f.operation() == Operation.UPGRADING || f.desiredRunning() && o.rollingOut()) {
            return ComponentState.UPGRADING;
        }
        if (!f.desiredRunning() || f.desiredInstances() == 0 || f.operation() == Operation.STOPPING) {
            return alive > 0 ? ComponentState.STOPPING : ComponentState.CLOSED;
        }
        long ready = o.ready();
        if (ready >= f.desiredInstances()) {
            return ComponentState.RUNNING;
        }
        boolean troubled = o.instances().stream().anyMatch(i -> !i.alive() || i.restarts() > 0);
        if (troubled && o.known()) {
            return ComponentState.ABNORMAL;
        }
        return ComponentState.STARTING;
    }
}
