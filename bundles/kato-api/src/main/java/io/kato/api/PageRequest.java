package io.kato.api;

/** Which page of a list to return; offset from 0, limit between 1 and {@link #MAX_LIMIT}. */
public record PageRequest(int offset, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (offset < 0) {
            throw ValidationException.of("offset", "must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ValidationException.of("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    public static PageRequest first() {
        return new PageRequest(0, DEFAULT_LIMIT);
    }

    public static PageRequest all() {
        return new PageRequest(0, MAX_LIMIT);
    }
}
