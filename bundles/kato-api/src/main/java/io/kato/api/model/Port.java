package io.kato.api.model;

/**
 * A port a component listens on.
 *
 * @param port     the container port, 1 to 65535
 * @param protocol what it speaks
 * @param alias    the name dependents use ({@code <ALIAS>_HOST}, {@code <ALIAS>_PORT}); upper case
 * @param inner    reachable by other components of the team
 * @param outer    exposed through the gateway
 */
public record Port(int port, Protocol protocol, String alias, boolean inner, boolean outer) {
}
