package io.kato.api;

/** No valid credentials came with the request. */
public class UnauthenticatedException extends KatoException {
    private static final long serialVersionUID = 1L;

    public UnauthenticatedException(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "unauthenticated";
    }
}
