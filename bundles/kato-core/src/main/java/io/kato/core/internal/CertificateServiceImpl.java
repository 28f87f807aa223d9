package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.ValidationException;
import io.kato.api.model.Certificate;
import io.kato.api.model.Team;
import io.kato.api.service.CertificateService;
import io.kato.store.CertificateRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.ldap.LdapName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * TLS certificates of the gateway: each checked before it is stored (a readable chain, a
 * PKCS#8 key that signs what the certificate verifies, the domain among its names, in its
 * validity period), its key sealed, and the gateway told at its next poll.
 */
@Component(service = CertificateService.class)
public class CertificateServiceImpl extends ServiceSupport implements CertificateService {
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final int MAX_PEM = 64 * 1024;
    private final Secrets secrets;
    private final GatewayRoutes routes;

    @Activate
    public CertificateServiceImpl(@Reference Store store, @Reference Secrets secrets, @Reference GatewayRoutes routes) {
        this(store, secrets, routes, Clock.systemUTC());
    }

    CertificateServiceImpl(Store store, Secrets secrets, GatewayRoutes routes, Clock clock) {
        super(store, clock);
        this.secrets = secrets;
        this.routes = routes;
    }

    @Override
    public List<Certificate> list(Actor actor, String team) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.READ);
            return new CertificateRows(tx).list(t.id()).stream().map(r -> shown(r, t.name())).toList();
        });
    }

    @Override
    public Certificate upload(Actor actor, String team, String domain, String certificatePem, String privateKeyPem) {
        String name = GatewayRuleServiceImpl.domain(domain);
        List<X509Certificate> chain = chain(certificatePem);
        X509Certificate leaf = chain.get(0);
        PrivateKey key = key(privateKeyPem, leaf);
        List<String> names = names(leaf);
        if (names.stream().noneMatch(n -> covers(n, name))) {
            throw ValidationException.of("certificate", "does not cover " + name + " (it names " + names + ")");
        }
        Instant now = now();
        if (leaf.getNotAfter().toInstant().isBefore(now) || leaf.getNotBefore().toInstant().isAfter(now)) {
            throw ValidationException.of("certificate", "is valid from " + leaf.getNotBefore().toInstant() + " to "
                    + leaf.getNotAfter().toInstant() + ", not now");
        }
        String keyPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String taken = "Domain '" + name + "' has a certificate already: delete it first to replace it";
        Certificate stored = tx(() -> taken, tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            GatewayRuleServiceImpl.claim(tx, name, t, routes.baseDomain());
            CertificateRows rows = new CertificateRows(tx);
            if (rows.byDomain(name).isPresent()) {
                throw new ConflictException(taken);
            }
            CertificateRows.Row row = new CertificateRows.Row(Rows.newId(), t.id(), name, pem(chain),
                    secrets.seal(keyPem), leaf.getSubjectX500Principal().getName(), String.join(",", names),
                    leaf.getNotAfter().toInstant(), now);
            rows.insert(row);
            Certificate shown = shown(row, t.name());
            record(tx, actor, t.id(), "create", "certificate", name, null, shown);
            return shown;
        });
        routes.refreshQuietly();
        return stored;
    }

    @Override
    public void delete(Actor actor, String team, String certificateId) {
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            CertificateRows rows = new CertificateRows(tx);
            CertificateRows.Row row = rows.list(t.id()).stream().filter(r -> r.id().equals(certificateId)).findFirst()
                    .orElseThrow(() -> NotFoundException.of("certificate", certificateId));
            rows.delete(t.id(), certificateId);
            record(tx, actor, t.id(), "delete", "certificate", row.domain(), shown(row, t.name()), null);
            return null;
        });
        routes.refreshQuietly();
    }

    private static Certificate shown(CertificateRows.Row r, String team) {
        return new Certificate(r.id(), team, r.domain(), r.subject(), Arrays.asList(r.names().split(",")),
                r.notAfter(), r.createdAt());
    }

    private static List<X509Certificate> chain(String pem) {
        if (pem == null || pem.isBlank() || pem.length() > MAX_PEM || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw ValidationException.of("certificate", "give the certificate chain as PEM, leaf first"
                    + " (-----BEGIN CERTIFICATE----- ...)");
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                chain.add((X509Certificate) c);
            }
            if (chain.isEmpty()) {
                throw new CertificateException("no certificate");
            }
            return chain;
        } catch (CertificateException | RuntimeException e) {
            throw ValidationException.of("certificate", "is not a readable PEM certificate chain");
        }
    }

    /** The PKCS#8 key, checked against the leaf: it must sign what the certificate's public key verifies. */
    private static PrivateKey key(String pem, X509Certificate leaf) {
        Matcher m = PRIVATE_KEY.matcher(pem == null ? "" : pem);
        if (pem == null || pem.length() > MAX_PEM || !m.find()) {
            String hint = pem != null && pem.contains("-----BEGIN RSA PRIVATE KEY-----")
                    || pem != null && pem.contains("-----BEGIN EC PRIVATE KEY-----")
                    ? ": convert it with 'openssl pkcs8 -topk8 -nocrypt -in key.pem'" : "";
            throw ValidationException.of("privateKey", "give the key as unencrypted PKCS#8 PEM"
                    + " (-----BEGIN PRIVATE KEY-----)" + hint);
        }
        String algorithm = leaf.getPublicKey().getAlgorithm();
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            String scheme = switch (algorithm) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                default -> algorithm; // Ed25519, Ed448
            };
            byte[] probe = "kato certificate check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(scheme);
            signer.initSign(key);
            signer.update(probe);
            byte[] signed = signer.sign();
            Signature verifier = Signature.getInstance(scheme);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signed)) {
                throw ValidationException.of("privateKey", "does not belong to the certificate");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw ValidationException.of("privateKey", "is not a " + algorithm + " key matching the certificate");
        }
    }

    /** The DNS names of the certificate: its subject alternative names, else its common name. */
    static List<String> names(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        names.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (names.isEmpty()) {
                new LdapName(leaf.getSubjectX500Principal().getName()).getRdns().stream()
                        .filter(r -> r.getType().equalsIgnoreCase("CN"))
                        .forEach(r -> names.add(String.valueOf(r.getValue()).toLowerCase(Locale.ROOT)));
            }
        } catch (CertificateException | javax.naming.InvalidNameException e) {
            throw ValidationException.of("certificate", "has unreadable names");
        }
        return names;
    }

    /** A name covers the domain when equal, or a wildcard for exactly one more label. */
    static boolean covers(String name, String domain) {
        if (name.startsWith("*.")) {
            String rest = name.substring(1);
            return domain.endsWith(rest) && domain.indexOf('.') == domain.length() - rest.length();
        }
        return name.equals(domain);
    }

    private static String pem(List<X509Certificate> chain) {
        StringBuilder b = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate c : chain) {
            try {
                b.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (java.security.cert.CertificateEncodingException e) {
                throw ValidationException.of("certificate", "cannot be encoded again");
            }
        }
        return b.toString();
    }
}
