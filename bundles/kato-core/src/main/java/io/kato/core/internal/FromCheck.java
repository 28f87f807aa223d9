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
        SourceCheck check = new SourceCheckRows(tx).byId(checkId)
                .filter(r -> r.teamId().equals(team.id()))
                .map(SourceCheckServiceImpl::toModel)
                .orElseThrow(() -> NotFoundException.of("source check", checkId));
        if (!SourceCheck.SUCCEEDED.equals(check.status())) {
            throw new ConflictException("Source check " + checkId + " is " + check.status()
                    + ": create components from a check that succeeded");
        }
        List<Detection> found = check.report().languages();
        if (found.isEmpty()) {
            throw ValidationException.of("fromCheck", "source check " + checkId + " found no language: fix the"
                    + " repository or its sub-directory and check again");
        }
        Detection d = wantedLanguage == null ? found.get(0) : found.stream()
                .filter(x -> x.language().equals(wantedLanguage)).findFirst()
                .orElseThrow(() -> ValidationException.of("language", "'" + wantedLanguage + "' was not detected;"
                        + " detected: " + String.join(", ", found.stream().map(Detection::language).toList())));
        List<Port> ports = d.ports().stream().distinct()
                .map(p -> ComponentSpecs.port("ports", new Port(p, null, null, true, false), componentName)).toList();
        List<EnvVar> env = d.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new EnvVar(e.getKey(), e.getValue(),
                        e.getKey().startsWith("BUILD_") ? EnvScope.BUILD : EnvScope.RUNTIME, false))
                .toList();
        return new FromCheck(new ComponentSource(check.kind(), check.url(), check.ref(), check.subdir(), check.id()),
                d.language(), ports, ComponentSpecs.envs(env));
    }
}
