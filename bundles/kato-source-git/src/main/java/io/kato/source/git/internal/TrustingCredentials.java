package io.kato.source.git.internal;

import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Answers JGit's question, asked when an https server's certificate does not verify,
 * with "skip verification for this single operation" — only for a check whose user asked
 * to trust the server's certificate. Never "for this repository" or "always": nothing is
 * written to any git configuration. Every other question goes to the real credentials.
 */
final class TrustingCredentials extends CredentialsProvider {
    private final CredentialsProvider delegate;

    TrustingCredentials(CredentialsProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        return isTrustQuestion(items) || delegate != null && delegate.supports(items);
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        if (!isTrustQuestion(items)) {
            return delegate != null && delegate.get(uri, items);
        }
        boolean first = true;
        for (CredentialItem item : items) {
            if (item instanceof CredentialItem.YesNoType answer) {
                answer.setValue(first); // the first choice is "this single git operation"
                first = false;
            }
        }
        return true;
    }

    /** JGit's certificate question: messages and yes/no choices only. */
    private static boolean isTrustQuestion(CredentialItem... items) {
        boolean choice = false;
        for (CredentialItem item : items) {
            if (item instanceof CredentialItem.YesNoType) {
                choice = true;
            } else if (!(item instanceof CredentialItem.InformationalMessage)) {
                return false;
            }
        }
        return choice;
    }
}
