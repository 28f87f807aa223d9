package io.kato.api.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum helpers: every enum of the model travels as its lower-case name ({@code build_failed}). */
public final class WireEnum {
    private WireEnum() {
    }

    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name case-insensitively, or returns {@code null} when it matches none. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        String wanted = text.trim().replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(wanted)) {
                return e;
            }
        }
        return null;
    }

    /** The allowed wire names, for error messages. */
    public static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::name).collect(Collectors.joining(", "));
    }
}
