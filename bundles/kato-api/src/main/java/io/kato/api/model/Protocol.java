package io.kato.api.model;

/** The protocol a component port speaks; decides how the gateway and plugins treat it. */
public enum Protocol {
    HTTP, HTTPS, TCP, UDP, GRPC, MYSQL;

    @Override
    public String toString() {
        return WireEnum.name(this);
    }
}
