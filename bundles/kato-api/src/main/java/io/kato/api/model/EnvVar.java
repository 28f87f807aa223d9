package io.kato.api.model;

/**
 * An environment variable of a component. A secret one is stored encrypted and its value
 * is {@link #MASK} whenever it leaves the core.
 */
public record EnvVar(String name, String value, EnvScope scope, boolean secret) {
    public static final String MASK = "********";

    public EnvVar masked() {
        return secret ? new EnvVar(name, MASK, scope, true) : this;
    }
}
