package io.kato.core.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * Deploy keys: an RSA 3072 key pair whose private half is PKCS#8 PEM (readable by SSH
 * clients and libraries) and whose public half is one OpenSSH {@code authorized_keys} line.
 */
final class SshKeys {
    private SshKeys() {
    }

    record Pair(String privatePem, String publicOpenSsh) {
        @Override
        public String toString() {
            return "Pair[" + publicOpenSsh + "]"; // never the private key
        }
    }

    static Pair generate(String comment) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(3072);
            KeyPair kp = g.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(kp.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new Pair(pem, openSsh((RSAPublicKey) kp.getPublic(), comment));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
    }

    /** The RFC 4253 "ssh-rsa" encoding: string type, mpint e, mpint n. */
    static String openSsh(RSAPublicKey key, String comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
        writeString(out, key.getPublicExponent().toByteArray());
        writeString(out, key.getModulus().toByteArray());
        return "ssh-rsa " + Base64.getEncoder().encodeToString(out.toByteArray()) + " " + comment;
    }

    private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
        int n = bytes.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.write(bytes, 0, n);
    }

}
