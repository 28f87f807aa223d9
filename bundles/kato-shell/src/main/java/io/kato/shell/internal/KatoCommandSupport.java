package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.KatoException;
import io.kato.api.PageRequest;
import io.kato.api.ValidationException;
import io.kato.api.service.AccessService;
import java.io.PrintStream;
import java.security.AccessController;
import java.security.Principal;
import javax.security.auth.Subject;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * What every {@code kato:*} command shares: the operator as {@link Actor}, table output
 * with {@code --no-format}, and domain errors printed as one clear line (no stack trace).
 */
public abstract class KatoCommandSupport implements Action {
    @Reference
    protected AccessService access;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    protected boolean noFormat;

    @Override
    public final Object execute() throws Exception {
        try {
            return run(operator());
        } catch (KatoException e) {
            System.err.println("Error: " + e.getMessage());
            return null;
        }
    }

    protected abstract Object run(Actor actor) throws Exception;

    /** The logged-in shell user (JAAS), acting as a platform admin. */
    @SuppressWarnings("removal")
    private Actor operator() {
        String name = "console";
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                    name = p.getName();
                }
            }
        }
        return access.operator(name);
    }

    protected void print(ShellTable table) {
        table.print(out(), !noFormat);
    }

    protected static PrintStream out() {
        return System.out;
    }

    /**
     * {@code KEY=VALUE} as a key and a value (the value may hold more '=' or be empty).
     *
     * @throws ValidationException naming the option and the form it takes
     */
    protected static String[] pair(String option, String text, String form) {
        int eq = text.indexOf('=');
        if (eq < 1) {
            throw ValidationException.of(option, "takes " + form + " (is " + text + ")");
        }
        return new String[] {text.substring(0, eq), text.substring(eq + 1)};
    }

    /** Each of a multi-valued option's {@code KEY=VALUE}s, in the order given (none: empty). */
    protected static java.util.Map<String, String> pairs(String option, java.util.List<String> texts, String form) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String text : texts == null ? java.util.List.<String>of() : texts) {
            String[] kv = pair(option, text, form);
            out.put(kv[0], kv[1]);
        }
        return out;
    }

    protected static PageRequest all() {
        return PageRequest.all();
    }

    /**
     * Prints an event's log as it grows, for at most {@code waitSeconds}, until {@code ended}
     * says the work ended (asked before each read, so the last read holds every line).
     *
     * @return whether it ended within the wait (false at once for a wait of 0)
     */
    protected static boolean followLog(io.kato.api.service.EventService events, Actor actor, String team,
                                       String eventId, int waitSeconds, java.util.function.BooleanSupplier ended)
            throws InterruptedException {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        int printed = 0;
        while (waitSeconds > 0) {
            boolean done = ended.getAsBoolean();
            String log = events.log(actor, team, eventId);
            out().print(log.substring(Math.min(printed, log.length())));
            printed = Math.max(printed, log.length());
            if (done) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(500);
        }
        return false;
    }

    protected static String orDash(Object o) {
        return o == null ? "-" : o.toString();
    }

    /** An enum option given by its wire name ({@code share_file}, {@code share-file}), or a message listing the allowed ones. */
    protected static <E extends Enum<E>> E wire(Class<E> type, String field, String value) {
        E parsed = io.kato.api.model.WireEnum.parse(type, value);
        if (parsed == null) {
            throw io.kato.api.ValidationException.of(field, "'" + value + "' is not one of "
                    + io.kato.api.model.WireEnum.allowed(type));
        }
        return parsed;
    }
}
