package io.kato.core.internal;

import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.ValidationException;
import io.kato.api.detect.Detection;
import io.kato.api.model.ComponentSource;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Port;
import io.kato.api.model.SourceCheck;
import io.kato.api.model.Team;
import io.kato.store.SourceCheckRows;
import io.kato.store.Tx;
import java.util.List;
import java.util.Map;

/**
 * What a new component takes from the source check it is created from: the source, the
 * language (the primary one unless another detected one is named), its ports and env.
 * The language is read here, at creation, and kept: a later change needs a new check.
 */
record FromCheck(ComponentSource source, String language, List<Port> ports, List<EnvVar> env) {

    static FromCheck of(Tx tx, Team team, String checkId, String wantedLanguage, String componentName) {
        SourceCheck check = succeeded(tx, team, checkId);
        Detection d = chosen(check, wantedLanguage);
        return new FromCheck(new ComponentSource(check.kind(), check.url(), check.ref(), check.subdir(), check.id()),
                d.language(), ports(d.ports(), componentName), env(d));
    }

    /** One origin per runnable module of the chosen language, keyed by the component name it gets. */
    static Map<String, FromCheck> modules(Tx tx, Team team, String checkId, String wantedLanguage) {
        SourceCheck check = succeeded(tx, team, checkId);
        Detection d = chosen(check, wantedLanguage);
        if (d.modules().isEmpty()) {
            throw ValidationException.of("fromCheck", "source check " + checkId + " found no modules in its "
                    + d.language() + " tree: create one component from it instead");
        }
        Map<String, FromCheck> out = new java.util.LinkedHashMap<>();
        for (Detection.Module m : d.modules()) {
            String name = componentName(m.name(), out.size() + 1);
            String subdir = check.subdir() == null ? m.path() : check.subdir() + "/" + m.path();
            // A module's own ports, when its detector knows them, beat the tree's.
            List<Integer> ports = m.ports().isEmpty() ? d.ports() : m.ports();
            out.put(name, new FromCheck(new ComponentSource(check.kind(), check.url(), check.ref(),
                    SourceRequests.subdir(subdir), check.id()), d.language(), ports(ports, name), env(d)));
        }
        return out;
    }

    /** A module's name as a DNS-1123 label ({@code Order_Service} becomes {@code order-service}). */
    static String componentName(String moduleName, int position) {
        String n = moduleName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("^-+|-+$", "");
        if (n.length() > 63) {
            n = n.substring(0, 63).replaceAll("-+$", "");
        }
        return n.isEmpty() ? "module-" + position : n;
    }

    private static SourceCheck succeeded(Tx tx, Team team, String checkId) {
        SourceCheck check = new SourceCheckRows(tx).byId(checkId == null ? "" : checkId)
                .filter(r -> r.teamId().equals(team.id()))
                .map(SourceCheckServiceImpl::toModel)
                .orElseThrow(() -> NotFoundException.of("source check", checkId));
        if (!SourceCheck.SUCCEEDED.equals(check.status())) {
            throw new ConflictException("Source check " + checkId + " is " + check.status()
                    + ": create components from a check that succeeded");
        }
        return check;
    }

    private static Detection chosen(SourceCheck check, String wantedLanguage) {
        List<Detection> found = check.report().languages();
        if (found.isEmpty()) {
            throw ValidationException.of("fromCheck", "source check " + check.id() + " found no language: fix the"
                    + " repository or its sub-directory and check again");
        }
        return wantedLanguage == null ? found.get(0) : found.stream()
                .filter(x -> x.language().equals(wantedLanguage)).findFirst()
                .orElseThrow(() -> ValidationException.of("language", "'" + wantedLanguage + "' was not detected;"
                        + " detected: " + String.join(", ", found.stream().map(Detection::language).toList())));
    }

    private static List<Port> ports(List<Integer> ports, String componentName) {
        return ports.stream().distinct()
                .map(p -> ComponentSpecs.port("ports", new Port(p, null, null, true, false), componentName)).toList();
    }

    private static List<EnvVar> env(Detection d) {
        return ComponentSpecs.envs(d.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new EnvVar(e.getKey(), e.getValue(),
                        e.getKey().startsWith("BUILD_") ? EnvScope.BUILD : EnvScope.RUNTIME, false))
                .toList());
    }
}
