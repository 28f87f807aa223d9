package io.kato.source.git.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real git-over-SSH server for tests: Debian's OpenSSH {@code sshd} on loopback, running
 * as the test's own user, accepting only the public keys the test authorizes. Git runs
 * {@code git-upload-pack} through the user's shell, as on any hosting server.
 */
public final class SshGitServer implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private final Path dir;
    private final int port;
    private Process process;

    /** Whether the host has sshd and ssh-keygen (the openssh-server package). */
    public static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    public SshGitServer(Path dir) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        Files.writeString(dir.resolve("authorized_keys"), "");
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        newHostKey();
        start();
    }

    /** Accepts logins with this {@code authorized_keys} line from now on. */
    public void authorize(String publicKeyLine) throws IOException {
        Files.writeString(dir.resolve("authorized_keys"), publicKeyLine.strip() + "\n", StandardOpenOption.APPEND);
    }

    /** An ssh URL of a repository on this machine, as the test user. */
    public String url(Path repository) {
        return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port + repository.toAbsolutePath();
    }

    /** The server's public host key, {@code "type base64"}. */
    public String hostKey() throws IOException {
        String[] parts = Files.readString(dir.resolve("host_key.pub")).strip().split("\\s+");
        return parts[0] + " " + parts[1];
    }

    /** Restarts the server with a freshly generated host key, as after a reinstall (or an impostor). */
    public void replaceHostKey() throws IOException, InterruptedException {
        stop();
        Files.deleteIfExists(dir.resolve("host_key"));
        Files.deleteIfExists(dir.resolve("host_key.pub"));
        newHostKey();
        start();
    }

    private void newHostKey() throws IOException, InterruptedException {
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString()));
    }

    private void start() throws IOException, InterruptedException {
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege-separation folder
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "AllowUsers " + System.getProperty("user.name"),
                "StrictModes no",
                "UsePAM no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "LogLevel VERBOSE", ""));
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not listen on port " + port);
    }

    private void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    /** What sshd logged, for assertion messages. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"), StandardCharsets.UTF_8);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** Generates a client key pair with ssh-keygen: the PKCS#8 PEM private key and the public line. */
    public static String[] clientKeyPair(Path dir) throws IOException, InterruptedException {
        Path key = dir.resolve("client_key");
        run(List.of("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-m", "PKCS8", "-N", "", "-f", key.toString()));
        return new String[] {Files.readString(key), Files.readString(dir.resolve("client_key.pub")).strip()};
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
