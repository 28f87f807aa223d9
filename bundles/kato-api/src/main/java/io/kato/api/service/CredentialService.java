package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.model.SourceCredential;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Credentials a team's source checks and builds use for private repositories. Secrets are
 * stored encrypted and are never returned, logged or written to events; an {@code ssh}
 * credential is a key pair Kato generates, of which only the public half is ever shown.
 */
@ProviderType
public interface CredentialService {
    List<SourceCredential> list(Actor actor, String team);

    /** Team admins and developers; the name is a DNS-1123 label. */
    SourceCredential create(Actor actor, String team, CredentialDraft draft);

    void delete(Actor actor, String team, String name);

    /**
     * A new credential.
     *
     * @param type     password (username + secret), token (an OAuth2 or access token as
     *                 secret; username optional) or ssh (generated: no secret given)
     */
    record CredentialDraft(String name, String type, String username, String secret) {
    }
}
