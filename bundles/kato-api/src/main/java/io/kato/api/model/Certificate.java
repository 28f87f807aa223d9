package io.kato.api.model;

import java.time.Instant;
import java.util.List;

/**
 * A TLS certificate the gateway presents for a domain (chosen by SNI). Its private key is
 * stored sealed and never shown.
 *
 * @param names    the DNS names the certificate covers (its subject alternative names)
 * @param notAfter when it expires
 */
public record Certificate(String id, String team, String domain, String subject, List<String> names,
                          Instant notAfter, Instant createdAt) {
    public Certificate {
        names = List.copyOf(names);
    }
}
