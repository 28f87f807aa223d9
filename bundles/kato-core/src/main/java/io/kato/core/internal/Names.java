package io.kato.core.internal;

import io.kato.api.ValidationException;
import java.util.regex.Pattern;

/**
 * Validation of names that become host names and Kubernetes object names, and of the
 * other identifiers users type.
 */
final class Names {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private Names() {
    }

    /** A DNS-1123 label: lower-case letters, digits and '-', starting and ending alphanumeric, 1–63 long. */
    static String dnsLabel(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw ValidationException.of(field, "is required: a DNS-1123 label such as 'my-shop'");
        }
        if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
            throw ValidationException.of(field, "'" + shorten(value) + "' is not a DNS-1123 label: use 1 to 63"
                    + " lower-case letters, digits or '-', starting and ending with a letter or digit");
        }
        return value;
    }

    static String envName(String field, String value) {
        if (value == null || value.length() > 255 || !ENV_NAME.matcher(value).matches()) {
            throw ValidationException.of(field, "'" + shorten(String.valueOf(value)) + "' is not a valid variable"
                    + " name: use letters, digits and '_', not starting with a digit");
        }
        return value;
    }

    static String environment(String field, String value) {
        if (value == null || !ENVIRONMENT.matcher(value).matches()) {
            throw ValidationException.of(field, "'" + shorten(String.valueOf(value)) + "' is not an environment"
                    + " name: use upper-case letters, digits and '_' such as DEV, BETA or PROD");
        }
        return value;
    }

    /** Free text for people: trimmed, bounded, defaulted when empty. */
    static String text(String field, String value, int max, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ValidationException.of(field, "is " + v.length() + " characters long; at most " + max + " allowed");
        }
        return v;
    }

    static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
