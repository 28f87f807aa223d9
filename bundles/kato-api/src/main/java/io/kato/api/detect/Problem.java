package io.kato.api.detect;

/**
 * Something a user should fix or know about, with a hint how.
 *
 * @param severity how bad it is
 * @param message  what is wrong
 * @param hint     how to fix it
 * @param file     the relative path concerned, or {@code null}
 * @param line     the 1-based line concerned, or 0
 */
public record Problem(Severity severity, String message, String hint, String file, int line) {
    public enum Severity { INFO, WARNING, ERROR }

    public static Problem warning(String message, String hint, String file) {
        return new Problem(Severity.WARNING, message, hint, file, 0);
    }

    public static Problem error(String message, String hint, String file) {
        return new Problem(Severity.ERROR, message, hint, file, 0);
    }
}
