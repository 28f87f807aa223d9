package io.kato.api.source;

/** A fetch failed; the message is for the user and contains no credential. */
public class SourceFetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SourceFetchException(String message) {
        super(message);
    }

    public SourceFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
