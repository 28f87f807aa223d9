package io.kato.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.kato.api.ConflictException;
import io.kato.api.ForbiddenException;
import io.kato.api.KatoException;
import io.kato.api.NotFoundException;
import io.kato.api.PreconditionFailedException;
import io.kato.api.UnauthenticatedException;
import io.kato.api.ValidationException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's exception mappers: every error leaves as problem-details JSON with a message a
 * person can act on. Unexpected errors are logged with an id that the response repeats,
 * and their details stay in the log.
 */
final class ProblemMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    /** Domain errors raised on purpose by the core. */
    static final class Domain implements ExceptionMapper<KatoException> {
        @Override
        public Response toResponse(KatoException e) {
            int status;
            String title;
            if (e instanceof ValidationException v) {
                return Problems.of(400, v.kind(), "Invalid input", v.getMessage(), v.errors());
            } else if (e instanceof NotFoundException) {
                status = 404;
                title = "Not found";
            } else if (e instanceof PreconditionFailedException) {
                status = 412;
                title = "Precondition failed";
            } else if (e instanceof ConflictException) {
                status = 409;
                title = "Conflict";
            } else if (e instanceof ForbiddenException) {
                status = 403;
                title = "Forbidden";
            } else if (e instanceof UnauthenticatedException) {
                Response r = Problems.of(401, e.kind(), "Unauthorized", e.getMessage());
                return Response.fromResponse(r).header("WWW-Authenticate", "Bearer realm=\"kato\"").build();
            } else {
                status = 400;
                title = "Bad request";
            }
            return Problems.of(status, e.kind(), title, e.getMessage());
        }
    }

    /** Bodies that are not JSON, or JSON of the wrong shape. */
    static final class BadJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            String field = e instanceof JsonMappingException m ? path(m.getPath()) : "";
            String what = explain(e);
            // Jackson's message can be long and mention Java types: keep its first line, bounded.
            what = what.lines().findFirst().orElse(what);
            if (what.length() > 200) {
                what = what.substring(0, 200) + "...";
            }
            String detail = field.isEmpty()
                    ? "The request body is not valid JSON: " + what
                    : "Field '" + field + "' has a wrong value or is not allowed: " + what;
            return Problems.of(400, "malformed-json", "Malformed request body", detail,
                    field.isEmpty() ? null : List.of(new ValidationException.FieldError(field, what)));
        }

        /** Jackson's own words name Java classes; say it in the API's terms where we can. */
        private static String explain(JsonProcessingException e) {
            if (e instanceof UnrecognizedPropertyException u) {
                return "unknown field; allowed here: " + u.getKnownPropertyIds().stream().map(String::valueOf)
                        .sorted().collect(Collectors.joining(", "));
            }
            if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
                return "'" + f.getValue() + "' is not one of " + Arrays.stream(f.getTargetType().getEnumConstants())
                        .map(String::valueOf).collect(Collectors.joining(", "));
            }
            if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
                return "expected " + jsonType(m.getTargetType());
            }
            return e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        }

        private static String jsonType(Class<?> type) {
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
                return "a whole number";
            }
            if (type == boolean.class || type == Boolean.class) {
                return "true or false";
            }
            if (type == String.class) {
                return "a string";
            }
            if (java.util.Collection.class.isAssignableFrom(type)) {
                return "an array";
            }
            return "an object";
        }

        private static String path(List<JsonMappingException.Reference> refs) {
            return refs.stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
    }

    /** JAX-RS errors: unknown path, wrong method, unsupported media type… */
    static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String title = e.getResponse().getStatusInfo().getReasonPhrase();
            String detail = switch (status) {
                case 404 -> "No such resource: see GET /api/v1/openapi.json for the API's paths";
                case 405 -> "This method is not allowed on this resource: see GET /api/v1/openapi.json";
                case 406 -> "This resource answers application/json only";
                case 415 -> "Send the body as application/json";
                default -> title;
            };
            return Problems.of(status, "http-" + status, title, detail);
        }
    }

    /** Anything else is a bug: the user gets an id to quote, the log gets the stack trace. */
    static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            String id = UUID.randomUUID().toString();
            LOG.error("Unexpected error {}", id, e);
            return Problems.of(500, "internal-error", "Internal error",
                    "The server failed to handle the request; quote error id " + id + " when reporting it");
        }
    }
}
