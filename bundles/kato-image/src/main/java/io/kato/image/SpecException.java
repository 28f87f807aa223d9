package io.kato.image;

/**
 * Input that does not describe an image or a container: the message says what was
 * wrong, where (the service and field of a compose file, the option of a command line),
 * and how to fix it. Safe to show to the user as it is.
 */
public class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }
}
