package io.kato.api.model;

/**
 * Where an environment variable applies: inside running instances, during builds, or as
 * connection information that is also injected into every component depending on this one.
 */
public enum EnvScope {
    RUNTIME, BUILD, CONNECTION;

    @Override
    public String toString() {
        return WireEnum.name(this);
    }
}
