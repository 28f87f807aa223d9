package io.kato.source.svn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.ValidationException;
import io.kato.api.source.Credentials;
import io.kato.api.source.FetchLimits;
import io.kato.api.source.FetchListener;
import io.kato.api.source.FetchResult;
import io.kato.api.source.SourceFetchException;
import io.kato.api.source.SourceLocation;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The svn fetcher against a real {@code svnserve} on loopback, with a password database. */
class SvnFetcherTest {
    private static final FetchLimits LOOPBACK = new FetchLimits(Duration.ofSeconds(60), 1 << 30, 10_000, true, false);
    private static final Credentials CI = new Credentials(Credentials.Type.PASSWORD, "ci", "s3cret-pass".toCharArray(),
            null);
    private static final FetchListener QUIET = new FetchListener() {
        @Override
        public void progress(String line) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    @TempDir
    Path dir;
    private Process server;
    private String url;

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    @BeforeEach
    void serveARepository() throws Exception {
        Path repo = dir.resolve("repos/shop");
        Files.createDirectories(repo.getParent());
        run("svnadmin", "create", repo.toString());
        Files.writeString(repo.resolve("conf/svnserve.conf"),
                "[general]\nanon-access = none\nauth-access = write\npassword-db = passwd\n");
        Files.writeString(repo.resolve("conf/passwd"), "[users]\nci = s3cret-pass\n");
        Path src = Files.createDirectories(dir.resolve("import/trunk"));
        Files.writeString(src.resolve("index.php"), "<?php echo 'hi';");
        Files.createDirectories(dir.resolve("import/branches"));
        Files.createDirectories(dir.resolve("import/tags"));
        run("svn", "import", "-q", "-m", "initial", dir.resolve("import").toString(), repo.toUri().toString());
        run("svn", "copy", "-q", "-m", "tag", repo.toUri() + "/trunk", repo.toUri() + "/tags/v1");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new ProcessBuilder("svnserve", "--foreground", "-d", "-r", dir.resolve("repos").toString(),
                "--listen-host", "127.0.0.1", "--listen-port", Integer.toString(port)).start();
        url = "svn://127.0.0.1:" + port + "/shop";
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("svnserve did not start");
    }

    @AfterEach
    void stop() throws Exception {
        server.destroy();
        server.waitFor();
    }

    private FetchResult fetch(String ref, Credentials credentials, String into) throws Exception {
        Path target = Files.createDirectories(dir.resolve(into));
        return new SvnFetcher().fetch(new SourceLocation("svn", url, ref, null), credentials, target, LOOPBACK, QUIET);
    }

    @Test
    void trunkIsTheDefaultAndTheRevisionIsReported() throws Exception {
        FetchResult r = fetch(null, CI, "a");
        assertEquals("trunk", r.ref());
        assertEquals("1", r.revision());
        assertTrue(Files.exists(dir.resolve("a/index.php")));
        assertFalse(Files.exists(dir.resolve("a/.svn")), "an export, not a working copy");
    }

    @Test
    void tagsAndRevisionsCanBeAskedFor() throws Exception {
        assertEquals("tags/v1", fetch("tags/v1", CI, "t").ref());
        assertTrue(Files.exists(dir.resolve("t/index.php")));
        assertEquals("1", fetch("trunk@1", CI, "r").revision());
    }

    @Test
    void aWrongPasswordIsRefusedAndNeverEchoed() {
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetch(null,
                new Credentials(Credentials.Type.PASSWORD, "ci", "wrong-pass-123".toCharArray(), null), "w"));
        assertTrue(e.getMessage().contains("refused access"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pass-123"));
    }

    @Test
    void aMissingBranchSaysSo() {
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetch("branches/nope", CI, "m"));
        assertTrue(e.getMessage().contains("'branches/nope' does not exist"), e.getMessage());
    }

    @Test
    void optionLikeRefsAndLocalUrlsAreRefusedBeforeRunningSvn() {
        SvnFetcher fetcher = new SvnFetcher();
        assertThrows(ValidationException.class, () -> fetcher.validate(
                new SourceLocation("svn", url, "--config-option=x", null), LOOPBACK));
        assertThrows(ValidationException.class, () -> fetcher.validate(
                new SourceLocation("svn", "file:///srv/svn", null, null), LOOPBACK));
        assertThrows(ValidationException.class, () -> fetcher.validate(
                new SourceLocation("svn", "svn+ssh://host/repo", null, null), LOOPBACK));
    }
}
