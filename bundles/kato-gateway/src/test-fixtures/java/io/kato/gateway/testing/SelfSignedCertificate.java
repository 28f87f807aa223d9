package io.kato.gateway.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for one DNS name, made with the JDK's keytool (no other tool
 * needed), as the PEM a user uploads: the certificate and its PKCS#8 key.
 */
public record SelfSignedCertificate(String certificatePem, String privateKeyPem) {
    public static SelfSignedCertificate forName(String dnsName, Path folder) throws Exception {
        Path store = folder.resolve(dnsName + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "site", "-keyalg", "RSA", "-keysize",
                "2048", "-dname", "CN=" + dnsName, "-ext", "SAN=dns:" + dnsName, "-validity", "2", "-storetype",
                "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit"))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        Key key = ks.getKey("site", "changeit".toCharArray());
        Certificate cert = ks.getCertificate("site");
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return new SelfSignedCertificate(
                "-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n",
                "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    }
}
