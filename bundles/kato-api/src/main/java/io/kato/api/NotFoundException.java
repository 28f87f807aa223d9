package io.kato.api;

/** The named thing does not exist, or the caller may not know that it exists. */
public class NotFoundException extends KatoException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public static NotFoundException of(String what, String name) {
        return new NotFoundException(what + " '" + name + "' does not exist");
    }

    @Override
    public String kind() {
        return "not-found";
    }
}
