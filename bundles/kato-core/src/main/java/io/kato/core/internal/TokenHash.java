package io.kato.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API tokens: 32 random bytes, shown once, stored as SHA-256. A plain hash suffices (no
 * slow KDF) because tokens carry 256 bits of entropy, unlike passwords, and a fast hash
 * keeps every request's authentication cheap.
 */
final class TokenHash {
    static final String PREFIX = "kato_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHash() {
    }

    static String newToken() {
        return newToken(PREFIX);
    }

    /** 32 random bytes after the prefix, which tells what kind of token it is. */
    static String newToken(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
