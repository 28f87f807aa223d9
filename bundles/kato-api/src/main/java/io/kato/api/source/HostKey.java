package io.kato.api.source;

import io.kato.api.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * An SSH server's public key as OpenSSH writes it in {@code known_hosts}: the key type and
 * the base64 of the key blob (RFC 4253). Two keys are the same key when both parts match.
 */
public record HostKey(String type, String blob) {
    private static final Pattern TYPE = Pattern.compile("[a-z0-9@.-]{3,64}");
    /** Large enough for RSA 16384 (about 2 KB); the store keeps up to 4,000 base64 characters. */
    static final int MAX_BLOB = 2_900;

    public HostKey {
        if (type == null || !TYPE.matcher(type).matches() || blob == null || blob.isEmpty()) {
            throw new IllegalArgumentException("not an SSH public key");
        }
    }

    /**
     * Reads {@code "type base64 [comment]"}, as in an {@code authorized_keys} or
     * {@code known_hosts} line (without the host part) or {@code ssh-keyscan} output.
     *
     * @throws ValidationException naming {@code field} when the text is not such a key
     */
    public static HostKey parse(String field, String line) {
        String[] parts = line == null ? new String[0] : line.strip().split("\\s+");
        String hint = "must be an SSH public key as 'type base64', e.g. the second and third field of a line"
                + " that ssh-keyscan prints";
        if (parts.length < 2 || !TYPE.matcher(parts[0]).matches()) {
            throw ValidationException.of(field, hint);
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(field, hint);
        }
        if (blob.length > MAX_BLOB) {
            throw ValidationException.of(field, "is longer than any SSH public key (" + MAX_BLOB + " bytes at most)");
        }
        // The blob starts with its own type as an SSH string: a cheap check that the two agree.
        String inner = blob.length < 4 ? "" : new String(blob, 4,
                Math.min(blob.length - 4, Math.max(0, readInt(blob))), StandardCharsets.US_ASCII);
        if (!inner.equals(parts[0])) {
            throw ValidationException.of(field, hint);
        }
        // Re-encoded: the same key typed without its '=' padding must still equal the server's.
        return new HostKey(parts[0], Base64.getEncoder().encodeToString(blob));
    }

    private static int readInt(byte[] b) {
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    /** The fingerprint OpenSSH shows ({@code ssh-keygen -lf}): SHA-256 of the blob, unpadded base64. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(blob));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return type + " " + blob;
    }
}
