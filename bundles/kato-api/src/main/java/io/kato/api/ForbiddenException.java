package io.kato.api;

/** The caller is known but its role does not allow the operation. */
public class ForbiddenException extends KatoException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "forbidden";
    }
}
