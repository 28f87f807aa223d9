package io.kato.rest.internal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;

/**
 * Generates the OpenAPI 3 document from the resource classes themselves (their JAX-RS
 * annotations and the records they take and return), so it cannot drift from the API.
 */
final class OpenApi {
    private final List<Class<?>> resources;
    private volatile Map<String, Object> document;

    OpenApi(List<Class<?>> resources) {
        this.resources = List.copyOf(resources);
    }

    Map<String, Object> document() {
        Map<String, Object> d = document;
        if (d == null) {
            d = build();
            document = d;
        }
        return d;
    }

    private Map<String, Object> build() {
        Map<String, Object> schemas = new java.util.TreeMap<>();
        Map<String, Map<String, Object>> paths = new java.util.TreeMap<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            Method[] methods = resource.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method m : methods) {
                String verb = httpMethod(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = "/api/" + base + (sub == null ? "" : "/" + sub.value());
                paths.computeIfAbsent(path, p -> new LinkedHashMap<>())
                        .put(verb.toLowerCase(Locale.ROOT), operation(path, m, schemas));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Kato API", "version", "1",
                "description", "Application management: teams, applications, components and their operations."));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas, "securitySchemes",
                Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        doc.put("security", List.of(Map.of("bearer", List.of())));
        return doc;
    }

    private Map<String, Object> operation(String path, Method m, Map<String, Object> schemas) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", m.getDeclaringClass().getSimpleName().replace("Resource", "") + "_" + m.getName());
        List<Map<String, Object>> params = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            if (p.isAnnotationPresent(Context.class)) {
                continue;
            }
            PathParam pp = p.getAnnotation(PathParam.class);
            QueryParam qp = p.getAnnotation(QueryParam.class);
            HeaderParam hp = p.getAnnotation(HeaderParam.class);
            if (pp != null || qp != null || hp != null) {
                String in = pp != null ? "path" : qp != null ? "query" : "header";
                String name = pp != null ? pp.value() : qp != null ? qp.value() : hp.value();
                params.add(Map.of("name", name, "in", in, "required", pp != null,
                        "schema", schema(p.getParameterizedType(), schemas)));
            } else {
                op.put("requestBody", Map.of("required", true, "content",
                        Map.of("application/json", Map.of("schema", schema(p.getParameterizedType(), schemas)))));
            }
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        if (m.getReturnType() == javax.ws.rs.core.Response.class) {
            responses.put("2XX", Map.of("description", "Success; single resources carry an ETag"));
        } else {
            responses.put("200", Map.of("description", "Success", "content",
                    Map.of("application/json", Map.of("schema", schema(m.getGenericReturnType(), schemas)))));
        }
        responses.put("default", Map.of("description", "A problem", "content",
                Map.of(Problems.TYPE, Map.of("schema", Map.of("type", "object")))));
        op.put("responses", responses);
        if (AuthFilter.PUBLIC.contains(path.substring("/api/".length()))) {
            op.put("security", List.of());
        }
        return op;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod hm = a.annotationType().getAnnotation(HttpMethod.class);
            if (hm != null) {
                return hm.value();
            }
        }
        return null;
    }

    private Map<String, Object> schema(Type type, Map<String, Object> schemas) {
        if (type instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schema(pt.getActualTypeArguments()[0], schemas));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", schema(pt.getActualTypeArguments()[1], schemas));
            }
            if (raw == ResourceSupport.PageBody.class) {
                return Map.of("type", "object", "properties", Map.of(
                        "items", Map.of("type", "array", "items", schema(pt.getActualTypeArguments()[0], schemas)),
                        "offset", Map.of("type", "integer"), "limit", Map.of("type", "integer"),
                        "total", Map.of("type", "integer")));
            }
            return schema(raw, schemas);
        }
        Class<?> c = type instanceof Class<?> k ? k : Object.class;
        if (c == String.class) {
            return Map.of("type", "string");
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return Map.of("type", "integer");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == Instant.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c.isEnum()) {
            return Map.of("type", "string", "enum",
                    Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
        }
        if (c.isRecord()) {
            String name = c.getSimpleName();
            if (!schemas.containsKey(name)) {
                schemas.put(name, Map.of());
                Map<String, Object> props = new LinkedHashMap<>();
                recordProperties(c, props, schemas);
                schemas.put(name, Map.of("type", "object", "properties", props));
            }
            return Map.of("$ref", "#/components/schemas/" + name);
        }
        return Map.of("type", "object");
    }

    private void recordProperties(Class<?> c, Map<String, Object> props, Map<String, Object> schemas) {
        for (RecordComponent rc : c.getRecordComponents()) {
            if (rc.isAnnotationPresent(JsonUnwrapped.class) && rc.getType().isRecord()) {
                recordProperties(rc.getType(), props, schemas);
            } else {
                props.put(rc.getName(), schema(rc.getGenericType(), schemas));
            }
        }
    }
}
