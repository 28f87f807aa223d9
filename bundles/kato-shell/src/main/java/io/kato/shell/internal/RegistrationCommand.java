package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Registration;
import io.kato.api.model.ThirdPartyEndpoint;
import io.kato.api.service.ThirdPartyService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "registration", description = "Shows a third-party component's registration, status"
        + " and endpoints; --rotate-key gives it a new secret key")
public class RegistrationCommand extends ComponentCommandSupport {
    @Reference
    ThirdPartyService thirdParty;

    @Option(name = "--rotate-key", description = "Replace its secret key (the old one stops working at once)")
    boolean rotate;

    @Override
    protected Object run(Actor actor) {
        Registration r = rotate ? thirdParty.rotateKey(actor, team, component)
                : thirdParty.registration(actor, team, component);
        out().println(component + ": " + r.status() + ", registered by " + r.method()
                + (Boolean.TRUE.equals(r.methodAvailable()) ? "" : " (method not installed now)")
                + (r.config().isEmpty() ? "" : " " + r.config()) + "; health check " + r.health().kind()
                + (r.health().kind().equals("none") ? "" : " every " + r.health().periodSeconds() + " s"));
        if (r.secretKey() != null) {
            out().println("New secret key (shown once): " + r.secretKey());
        }
        ShellTable table = new ShellTable();
        table.column("Endpoint");
        table.column("Online");
        table.column("Healthy");
        table.column("Why not").maxSize(60).wrap();
        for (ThirdPartyEndpoint e : r.endpoints()) {
            table.addRow().addContent(e.address(), e.online() ? "yes" : "no", e.healthy() ? "yes" : "no",
                    e.message() == null ? "" : e.message());
        }
        print(table);
        return null;
    }
}
