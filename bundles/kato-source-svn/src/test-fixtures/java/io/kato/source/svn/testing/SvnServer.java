package io.kato.source.svn.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Subversion server for tests: {@code svnserve} on loopback serving one repository
 * that only a user with a password may read, made with {@code svnadmin} and imported with
 * the {@code svn} client (trunk, branches, tags).
 */
public final class SvnServer implements AutoCloseable {
    private final Process process;
    private final String url;

    /**
     * @param trunk files of trunk, by relative path; trunk is also tagged {@code tags/v1}
     */
    public SvnServer(Path dir, String user, String password, Map<String, String> trunk)
            throws IOException, InterruptedException {
        Path repo = dir.resolve("repos/shop");
        createRepository(dir, repo, trunk);
        Files.writeString(repo.resolve("conf/svnserve.conf"),
                "[general]\nanon-access = none\nauth-access = write\npassword-db = passwd\n");
        Files.writeString(repo.resolve("conf/passwd"), "[users]\n" + user + " = " + password + "\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        process = new ProcessBuilder("svnserve", "--foreground", "-d", "-r", dir.resolve("repos").toString(),
                "--listen-host", "127.0.0.1", "--listen-port", Integer.toString(port)).start();
        url = "svn://127.0.0.1:" + port + "/shop";
        for (int i = 0; i < 200; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroy();
        throw new IOException("svnserve did not start on port " + port);
    }

    /** Makes a repository with trunk (these files), branches and tags ({@code tags/v1} = trunk). */
    static void createRepository(Path dir, Path repo, Map<String, String> trunk)
            throws IOException, InterruptedException {
        Files.createDirectories(repo.getParent());
        run("svnadmin", "create", repo.toString());
        Path layout = dir.resolve("import");
        for (var file : trunk.entrySet()) {
            Path f = layout.resolve("trunk").resolve(file.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, file.getValue());
        }
        Files.createDirectories(layout.resolve("branches"));
        Files.createDirectories(layout.resolve("tags"));
        run("svn", "import", "-q", "-m", "initial", layout.toString(), repo.toUri().toString());
        run("svn", "copy", "-q", "-m", "tag", repo.toUri() + "/trunk", repo.toUri() + "/tags/v1");
    }

    /** The repository's root URL ({@code svn://127.0.0.1:PORT/shop}). */
    public String url() {
        return url;
    }

    /** Runs a command to its end; fails with its output when it fails. */
    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
