package io.kato.core.internal;

import io.kato.api.ValidationException;
import io.kato.api.ValidationException.FieldError;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation and defaults of the parts of a component's spec users send. */
final class ComponentSpecs {
    static final int MAX_INSTANCES = 100;
    static final int MIN_MEMORY_MB = 16;
    static final int MAX_MEMORY_MB = 262_144;
    static final int MAX_ENV_VALUE = 65_536;
    private static final Pattern ALIAS = Pattern.compile("[A-Z][A-Z0-9_]{0,62}");

    private ComponentSpecs() {
    }

    static int instances(String field, Integer value, int fallback) {
        int v = value == null ? fallback : value;
        if (v < 0 || v > MAX_INSTANCES) {
            throw ValidationException.of(field, "must be between 0 and " + MAX_INSTANCES + ", was " + v);
        }
        return v;
    }

    static int memory(String field, Integer value, int fallback) {
        int v = value == null ? fallback : value;
        if (v < MIN_MEMORY_MB || v > MAX_MEMORY_MB) {
            throw ValidationException.of(field, "must be between " + MIN_MEMORY_MB + " and " + MAX_MEMORY_MB
                    + " (MB), was " + v);
        }
        return v;
    }

    /** A port with its defaults: http, alias from the component name and number, inner open. */
    static Port port(String field, Port p, String componentName) {
        if (p == null) {
            throw ValidationException.of(field, "is required: {\"port\": 8080, \"protocol\": \"http\"}");
        }
        if (p.port() < 1 || p.port() > 65535) {
            throw ValidationException.of(field + ".port", "must be between 1 and 65535, was " + p.port());
        }
        String alias = p.alias() == null || p.alias().isBlank()
                ? componentName.toUpperCase(Locale.ROOT).replace('-', '_')
                : p.alias().strip();
        if (!Character.isLetter(alias.charAt(0))) {
            alias = "P" + alias;
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw ValidationException.of(field + ".alias", "'" + Names.shorten(alias) + "' is not a valid alias:"
                    + " use upper-case letters, digits and '_', starting with a letter (it becomes ALIAS_HOST)");
        }
        return new Port(p.port(), p.protocol() == null ? Protocol.HTTP : p.protocol(), alias, p.inner(), p.outer());
    }

    static EnvVar env(String field, EnvVar e) {
        if (e == null) {
            throw ValidationException.of(field, "is required: {\"name\": \"KEY\", \"value\": \"...\"}");
        }
        Names.envName(field + ".name", e.name());
        if (e.value() == null) {
            throw ValidationException.of(field + ".value", "is required (use \"\" for an empty value)");
        }
        if (e.value().length() > MAX_ENV_VALUE) {
            throw ValidationException.of(field + ".value", "is longer than " + MAX_ENV_VALUE + " characters");
        }
        return new EnvVar(e.name(), e.value(), e.scope() == null ? EnvScope.RUNTIME : e.scope(), e.secret());
    }

    static List<Port> ports(List<Port> ports, String componentName) {
        List<Port> out = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < (ports == null ? 0 : ports.size()); i++) {
            try {
                Port p = port("ports[" + i + "]", ports.get(i), componentName);
                if (!seen.add(p.port())) {
                    errors.add(new FieldError("ports[" + i + "].port", "port " + p.port() + " is listed twice"));
                }
                out.add(p);
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return out;
    }

    static List<EnvVar> envs(List<EnvVar> env) {
        List<EnvVar> out = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < (env == null ? 0 : env.size()); i++) {
            try {
                EnvVar e = env("env[" + i + "]", env.get(i));
                if (!seen.add(e.name())) {
                    errors.add(new FieldError("env[" + i + "].name", e.name() + " is listed twice"));
                }
                out.add(e);
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return out;
    }
}
