package io.kato.api.build;

/** A strategy cannot plan a build of this tree; the message says what is missing. */
public class BuildPlanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BuildPlanException(String message) {
        super(message);
    }
}
