package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
    private static final String PLAIN = "s3cr3t-Passw0rd-ünïcødé";

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void decryptReturnsWhatWasEncrypted() {
        SecretCipher cipher = new SecretCipher(randomKey());
        assertEquals(PLAIN, cipher.decrypt(cipher.encrypt(PLAIN)));
        assertEquals("", cipher.decrypt(cipher.encrypt("")));
    }

    @Test
    void ciphertextIsPrefixedAndDiffersOnEveryCall() {
        SecretCipher cipher = new SecretCipher(randomKey());
        String a = cipher.encrypt(PLAIN);
        String b = cipher.encrypt(PLAIN);
        assertTrue(a.startsWith("enc:v1:"), a);
        assertTrue(b.startsWith(SecretCipher.PREFIX), b);
        assertNotEquals(a, b, "a fresh IV per call");
        assertFalse(a.contains(PLAIN));
    }

    @Test
    void anotherKeyCannotDecryptAndTheErrorHidesThePlaintext() {
        String sealed = new SecretCipher(randomKey()).encrypt(PLAIN);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SecretCipher(randomKey()).decrypt(sealed));
        assertFalse(e.getMessage().contains(PLAIN), e.getMessage());
        assertFalse(String.valueOf(e.getCause()).contains(PLAIN));
    }

    @Test
    void aTamperedCiphertextIsRejected() {
        SecretCipher cipher = new SecretCipher(randomKey());
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(PLAIN).substring(SecretCipher.PREFIX.length()));
        raw[raw.length - 1] ^= 1;
        String tampered = SecretCipher.PREFIX + Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(tampered));
    }

    @Test
    void aValueWithoutThePrefixIsNotDecrypted() {
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(randomKey()).decrypt(PLAIN));
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(new byte[16]));
    }

    @Test
    void keyFileIsCreatedReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kato").resolve("secret.key");
        SecretCipher cipher = SecretCipher.fromKeyFile(file);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file).strip()).length);
        assertEquals(PLAIN, cipher.decrypt(cipher.encrypt(PLAIN)));
    }

    @Test
    void reloadedKeyDecryptsEarlierCiphertext(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret.key");
        String sealed = SecretCipher.fromKeyFile(file).encrypt(PLAIN);
        String keyBefore = Files.readString(file);
        SecretCipher reloaded = SecretCipher.fromKeyFile(file);
        assertEquals(keyBefore, Files.readString(file), "an existing key is never replaced");
        assertEquals(PLAIN, reloaded.decrypt(sealed));
    }
}
