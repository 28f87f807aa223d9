package io.kato.api.model;

/** The outcome of an operation so far. */
public enum EventStatus {
    RUNNING, SUCCEEDED, FAILED;

    @Override
    public String toString() {
        return WireEnum.name(this);
    }
}
