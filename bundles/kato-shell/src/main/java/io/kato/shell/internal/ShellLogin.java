package io.kato.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How operators log in to the shell over SSH or {@code bin/client}: on first start, when
 * {@code etc/users.properties} defines no user, Kato adds the operator {@code kato} with a
 * random password and writes that password to an owner-only file,
 * {@code ${karaf.data}/kato/shell-password}. The log names the file, never the password.
 * SSH listens on loopback only (etc/org.apache.karaf.shell.cfg).
 */
@Component(immediate = true, service = {})
public class ShellLogin {
    static final String USER = "kato";
    private static final Logger LOG = LoggerFactory.getLogger(ShellLogin.class);

    @Activate
    public ShellLogin() {
        this(Path.of(System.getProperty("karaf.etc", "etc"), "users.properties"),
                Path.of(System.getProperty("karaf.data", "data"), "kato", "shell-password"));
    }

    ShellLogin(Path users, Path passwordFile) {
        try {
            if (definesUser(users)) {
                return;
            }
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
            Files.createDirectories(passwordFile.getParent());
            Files.deleteIfExists(passwordFile);
            Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, password + "\n");
            String entry = "\n# Added by Kato on first start; the password is in " + passwordFile + "\n"
                    + USER + " = " + password + ",_g_:admingroup\n"
                    + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n";
            if (!Files.exists(users)) {
                Files.createFile(users);
            }
            Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(users, entry, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            LOG.info("Shell operator '{}' created; its password is in {}", USER, passwordFile.toAbsolutePath());
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Could not set up the shell operator login: {}", e.getMessage());
        }
    }

    /** Whether a non-comment line defines a user (a key that is not a {@code _g_:} group). */
    static boolean definesUser(Path users) throws IOException {
        if (!Files.exists(users)) {
            return false;
        }
        for (String line : Files.readAllLines(users, StandardCharsets.ISO_8859_1)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith("!") && !l.startsWith("_g_") && l.contains("=")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
