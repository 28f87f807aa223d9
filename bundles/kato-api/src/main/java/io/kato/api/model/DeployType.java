package io.kato.api.model;

/** How instances of a component are deployed: stateless or stateful, one instance or many. */
public enum DeployType {
    STATELESS_MULTIPLE, STATELESS_SINGLE, STATEFUL_SINGLE, STATEFUL_MULTIPLE;

    /** Whether each instance keeps an identity of its own (and so may keep data of its own). */
    public boolean stateful() {
        return this == STATEFUL_SINGLE || this == STATEFUL_MULTIPLE;
    }

    @Override
    public String toString() {
        return WireEnum.name(this);
    }
}
