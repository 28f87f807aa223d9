package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.ValidationException;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.WireEnum;
import io.kato.api.service.ComponentService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Service
@Command(scope = "kato", name = "env-set", description = "Sets an env var of a component (--unset removes it)")
public class EnvSet extends ComponentCommandSupport {
    @Reference
    ComponentService components;

    @Argument(index = 2, name = "name", required = true)
    String name;

    @Argument(index = 3, name = "value", description = "The value (omit with --unset)")
    String value;

    @Option(name = "-s", aliases = "--scope", description = "runtime (default), build or connection")
    @Completion(value = StringsCompleter.class, values = {"runtime", "build", "connection"})
    String scope;

    @Option(name = "--secret", description = "Store encrypted and show masked")
    boolean secret;

    @Option(name = "-u", aliases = "--unset", description = "Remove the variable")
    boolean unset;

    @Override
    protected Object run(Actor actor) {
        if (unset) {
            components.removeEnv(actor, team, component, name, null);
            out().println(name + " removed from " + component);
            return null;
        }
        EnvScope s = scope == null ? EnvScope.RUNTIME : WireEnum.parse(EnvScope.class, scope);
        if (s == null) {
            throw ValidationException.of("--scope", "'" + scope + "' is not one of " + WireEnum.allowed(EnvScope.class));
        }
        if (value == null) {
            throw ValidationException.of("value", "is required unless --unset is given");
        }
        components.putEnv(actor, team, component, new EnvVar(name, value, s, secret), null);
        // The value is not echoed: it may be a secret.
        out().println(name + " set on " + component + " (" + s + (secret ? ", secret" : "") + ")");
        return null;
    }
}
