package io.kato.rest.internal;

import io.kato.api.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.core.Response;

/** Builds RFC 7807 problem-details responses ({@code application/problem+json}). */
final class Problems {
    static final String TYPE = "application/problem+json";

    private Problems() {
    }

    static Response of(int status, String kind, String title, String detail) {
        return of(status, kind, title, detail, null);
    }

    static Response of(int status, String kind, String title, String detail,
                       List<ValidationException.FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://kato.io/problems/" + kind);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        return Response.status(status).type(TYPE).entity(body).build();
    }
}
