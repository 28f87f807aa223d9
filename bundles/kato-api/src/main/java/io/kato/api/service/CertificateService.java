package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.model.Certificate;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * TLS certificates of a team's domains, served by the gateway on its HTTPS port. A domain
 * follows the same ownership rule as gateway rules; one certificate per domain.
 */
@ProviderType
public interface CertificateService {
    List<Certificate> list(Actor actor, String team);

    /**
     * Stores a certificate for the domain.
     *
     * @param certificatePem the certificate chain, leaf first (PEM)
     * @param privateKeyPem  the leaf's private key, PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
     * @throws io.kato.api.ValidationException when the PEM cannot be read, the key does not
     *         match the certificate, the certificate does not cover the domain or has expired
     * @throws io.kato.api.ConflictException when the domain has a certificate or is another team's
     */
    Certificate upload(Actor actor, String team, String domain, String certificatePem, String privateKeyPem);

    void delete(Actor actor, String team, String certificateId);
}
