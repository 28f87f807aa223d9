package io.kato.api;

/**
 * The request clashes with the current state: a name already taken, or a write that lost
 * a race with another writer (its compare-and-set found a newer version).
 */
public class ConflictException extends KatoException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "conflict";
    }
}
