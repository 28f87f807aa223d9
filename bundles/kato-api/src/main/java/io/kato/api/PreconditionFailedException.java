package io.kato.api;

/** The caller's expected version (an {@code If-Match} header) is not the current one. */
public class PreconditionFailedException extends KatoException {
    private static final long serialVersionUID = 1L;
    private final long currentVersion;

    public PreconditionFailedException(String what, long expected, long current) {
        super(what + " is at version " + current + ", not " + expected
                + ": read it again and retry with its current ETag");
        this.currentVersion = current;
    }

    public long currentVersion() {
        return currentVersion;
    }

    @Override
    public String kind() {
        return "precondition-failed";
    }
}
