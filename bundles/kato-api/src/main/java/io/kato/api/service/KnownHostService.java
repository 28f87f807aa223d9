package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.model.KnownHost;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The SSH host keys a team's fetches trust. A host's key is recorded the first time a
 * fetch connects to it; a later fetch that meets another key fails, naming both
 * fingerprints, until a member removes the old key here (the server's key was replaced)
 * or finds out who is in the middle.
 */
@ProviderType
public interface KnownHostService {
    List<KnownHost> list(Actor actor, String team);

    /**
     * Pins a host's key before the first fetch, instead of trusting what the first
     * connection shows. Team admins and developers; a host that already has a key is a
     * conflict.
     */
    KnownHost pin(Actor actor, String team, String host, String key);

    /** Forgets a host's key: the next fetch trusts the key it meets. */
    void delete(Actor actor, String team, String host);
}
