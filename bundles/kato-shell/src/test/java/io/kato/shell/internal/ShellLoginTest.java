package io.kato.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellLoginTest {
    @TempDir
    Path dir;

    @Test
    void firstStartAddsAnOperatorWithAnOwnerOnlyPassword() throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "#karaf = karaf,_g_:admingroup\n#_g_\\:admingroup = group,admin\n");
        Path password = dir.resolve("data/shell-password");
        assertFalse(ShellLogin.definesUser(users));

        new ShellLogin(users, password);

        String pw = Files.readString(password).strip();
        assertTrue(pw.length() >= 20);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
        assertTrue(Files.readString(users).contains("kato = " + pw + ",_g_:admingroup"));
        assertTrue(ShellLogin.definesUser(users));
    }

    @Test
    void anExistingUserIsLeftAlone() throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "ops = secret,_g_:admingroup\n");
        Path password = dir.resolve("shell-password");
        new ShellLogin(users, password);
        assertFalse(Files.exists(password));
        assertEquals("ops = secret,_g_:admingroup\n", Files.readString(users));
    }
}
