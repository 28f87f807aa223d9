package io.kato.api;

import java.util.List;
import java.util.stream.Collectors;

/** The input is malformed; each {@link FieldError} names the field and how to fix it. */
public class ValidationException extends KatoException {
    private static final long serialVersionUID = 1L;
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String kind() {
        return "invalid-input";
    }

    /** One invalid field: its JSON path-like name and a message saying what would be valid. */
    public record FieldError(String field, String message) {
    }
}
