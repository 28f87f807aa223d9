package io.kato.source.svn.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Subversion over https for tests: Debian's Apache httpd with mod_dav_svn on loopback,
 * behind basic authentication, with a freshly made self-signed certificate that no client
 * trusts. Apache drops root for {@code www-data}, so the served folder is made readable
 * to it.
 */
public final class SvnHttpsServer implements AutoCloseable {
    private static final Path APACHE = Path.of("/usr/sbin/apache2");
    private final Path dir;
    private final Process process;
    private final String url;

    /** Whether the host has Apache with mod_dav_svn (apache2, libapache2-mod-svn). */
    public static boolean available() {
        return Files.isExecutable(APACHE) && Files.exists(Path.of("/usr/lib/apache2/modules/mod_dav_svn.so"));
    }

    public SvnHttpsServer(Path dir, String user, String password, Map<String, String> trunk)
            throws IOException, InterruptedException {
        this.dir = dir;
        Path repos = Files.createDirectories(dir.resolve("repos"));
        SvnServer.createRepository(dir, repos.resolve("shop"), trunk);
        SvnServer.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString());
        SvnServer.run("htpasswd", "-bc", dir.resolve("htpasswd").toString(), user, password);
        readableByApache();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("httpd.conf");
        Files.writeString(conf, String.join("\n",
                "ServerRoot /usr/lib/apache2",
                "ServerName 127.0.0.1",
                "PidFile " + dir.resolve("httpd.pid"),
                "Listen 127.0.0.1:" + port,
                "ErrorLog " + dir.resolve("error.log"),
                "LoadModule mpm_event_module modules/mod_mpm_event.so",
                "LoadModule authz_core_module modules/mod_authz_core.so",
                "LoadModule authn_core_module modules/mod_authn_core.so",
                "LoadModule authn_file_module modules/mod_authn_file.so",
                "LoadModule auth_basic_module modules/mod_auth_basic.so",
                "LoadModule authz_user_module modules/mod_authz_user.so",
                "LoadModule dav_module modules/mod_dav.so",
                "LoadModule dav_svn_module modules/mod_dav_svn.so",
                "LoadModule ssl_module modules/mod_ssl.so",
                "User www-data",
                "Group www-data",
                "SSLEngine on",
                "SSLCertificateFile " + dir.resolve("cert.pem"),
                "SSLCertificateKeyFile " + dir.resolve("key.pem"),
                "<Location /svn>",
                "  DAV svn",
                "  SVNParentPath " + repos,
                "  AuthType Basic",
                "  AuthName svn",
                "  AuthUserFile " + dir.resolve("htpasswd"),
                "  Require valid-user",
                "</Location>", ""));
        process = new ProcessBuilder(APACHE.toString(), "-f", conf.toString(), "-DFOREGROUND")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("apache.out").toFile()))
                .start();
        url = "https://127.0.0.1:" + port + "/svn/shop";
        for (int i = 0; i < 200; i++) {
            if (!process.isAlive()) {
                throw new IOException("apache2 exited: " + Files.readString(dir.resolve("apache.out")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroy();
        throw new IOException("apache2 did not listen on port " + port);
    }

    /** The repository's root URL ({@code https://127.0.0.1:PORT/svn/shop}). */
    public String url() {
        return url;
    }

    /** Apache's error log, for assertion messages. */
    public String log() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * Apache serves as www-data when started by root: it must read (and lock in) the
     * repository, and pass through the folders above it (a test's temporary folder is
     * private to its owner, so those get the others' search bit).
     */
    private void readableByApache() throws IOException, InterruptedException {
        for (Path up = dir.toAbsolutePath().getParent(); up != null && up.getParent() != null; up = up.getParent()) {
            var perms = Files.getPosixFilePermissions(up);
            if (perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(up, perms);
            }
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                if (Files.isDirectory(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (!p.getFileName().toString().equals("key.pem")) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        if ("root".equals(System.getProperty("user.name"))) {
            SvnServer.run("chown", "-R", "www-data:www-data", dir.resolve("repos").toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
