package io.kato.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Durations as users type them: ISO-8601 ({@code PT12H}, {@code P30D}). */
public final class Durations {
    private Durations() {
    }

    /**
     * The duration, or null for a blank text.
     *
     * @throws ValidationException naming the field when the text is not ISO-8601
     */
    public static Duration parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ValidationException.of(field, "'" + text + "' is not an ISO-8601 duration such as PT12H or P30D");
        }
    }
}
