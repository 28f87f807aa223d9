package io.kato.api.model;

/** The observed lifecycle state of a component, derived from its desired state, its jobs and what the runtime reports. */
public enum ComponentState {
    BUILDING, BUILD_FAILED, UNDEPLOYED, STARTING, RUNNING, ABNORMAL, STOPPING, CLOSED, UPGRADING, UNKNOWN;

    @Override
    public String toString() {
        return WireEnum.name(this);
    }
}
