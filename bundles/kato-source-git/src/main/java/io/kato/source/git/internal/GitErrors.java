package io.kato.source.git.internal;

import io.kato.api.source.SourceFetchException;
import io.kato.api.source.SourceLocation;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.RefNotFoundException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/** Turns JGit's failures into what a user can act on. Messages never carry credentials. */
final class GitErrors {
    private GitErrors() {
    }

    static SourceFetchException explain(Exception e, SourceLocation where, Instant deadline) {
        String text = chain(e).toLowerCase(Locale.ROOT);
        if (Instant.now().isAfter(deadline) || text.contains("cancel")) {
            return new SourceFetchException("Fetching " + where.url() + " took longer than this server allows");
        }
        // Whole phrases only: bare status digits also occur in paths and ids of the message.
        if (text.contains("not authorized") || text.contains("authentication is required")
                || text.contains("auth fail") || text.contains("401 unauthorized") || text.contains("403 forbidden")
                || text.contains("no more authentication methods")) {
            return new SourceFetchException("The repository refused access: check the credentials, or that the"
                    + " deploy key is added to the repository");
        }
        if (text.contains("ssl problems") || text.contains("certificate") || text.contains("pkix path")) {
            return new SourceFetchException("The server's certificate of " + where.url() + " could not be verified:"
                    + " if it is your own server's self-signed certificate, check again with"
                    + " \"trustServerCertificate\": true (shell: --trust-server-cert)");
        }
        if (e instanceof RefNotFoundException || text.contains("remote branch") && text.contains("not found")
                || text.contains("ref") && text.contains("cannot be resolved") || text.contains("missing commit")
                || text.contains("did not find")) {
            return new SourceFetchException("Branch, tag or commit '" + where.ref() + "' does not exist in "
                    + where.url());
        }
        if (e instanceof InvalidRemoteException || hasCause(e, NoRemoteRepositoryException.class)
                || text.contains("not found") || text.contains("not a git repository")) {
            return new SourceFetchException("No git repository at " + where.url() + ": check the URL");
        }
        if (e instanceof TransportException || text.contains("connection refused") || text.contains("unknownhost")
                || text.contains("timed out") || text.contains("no route")) {
            return new SourceFetchException("Cannot reach " + where.url() + ": " + firstLine(e));
        }
        return new SourceFetchException("Fetching " + where.url() + " failed: " + firstLine(e), e);
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
