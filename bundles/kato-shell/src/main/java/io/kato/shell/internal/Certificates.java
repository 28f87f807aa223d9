package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.ValidationException;
import io.kato.api.model.Certificate;
import io.kato.api.service.CertificateService;
import io.kato.shell.internal.completers.TeamCompleter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "certificates", description = "Lists a team's TLS certificates; uploads one from"
        + " PEM files with --domain, --cert and --key; deletes one with --delete")
public class Certificates extends KatoCommandSupport {
    @Reference
    CertificateService certificates;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Option(name = "--domain", description = "The domain to serve the certificate for")
    String domain;

    @Option(name = "--cert", description = "PEM file with the certificate chain, leaf first")
    String cert;

    @Option(name = "--key", description = "PEM file with the PKCS#8 private key")
    String key;

    @Option(name = "--delete", description = "The id of a certificate to delete")
    String delete;

    @Override
    protected Object run(Actor actor) {
        if (delete != null) {
            certificates.delete(actor, team, delete);
            out().println("Deleted certificate " + delete);
            return null;
        }
        if (domain != null || cert != null || key != null) {
            if (domain == null || cert == null || key == null) {
                throw ValidationException.of("domain", "an upload needs --domain, --cert and --key");
            }
            Certificate c = certificates.upload(actor, team, domain, read("cert", cert), read("key", key));
            out().println("Certificate " + c.id() + " for " + c.domain() + " (" + c.subject() + ", until "
                    + c.notAfter() + ")");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Domain");
        table.column("Names");
        table.column("Expires");
        for (Certificate c : certificates.list(actor, team)) {
            table.addRow().addContent(c.id(), c.domain(), String.join(",", c.names()), c.notAfter());
        }
        print(table);
        return null;
    }

    private static String read(String option, String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw ValidationException.of(option, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
