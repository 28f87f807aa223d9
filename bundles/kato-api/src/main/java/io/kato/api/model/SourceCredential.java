package io.kato.api.model;

import java.time.Instant;

/**
 * A team's credential for private repositories, as it may be shown: never the secret.
 *
 * @param type      password, token or ssh
 * @param username  for password and token credentials
 * @param publicKey for ssh: the OpenSSH public key to add to the repository as a deploy key
 */
public record SourceCredential(String name, String type, String username, String publicKey, Instant createdAt) {
}
