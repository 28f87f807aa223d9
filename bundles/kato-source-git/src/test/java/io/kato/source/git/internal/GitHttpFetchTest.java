package io.kato.source.git.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.source.Credentials;
import io.kato.api.source.FetchLimits;
import io.kato.api.source.FetchListener;
import io.kato.api.source.FetchResult;
import io.kato.api.source.SourceFetchException;
import io.kato.api.source.SourceLocation;
import io.kato.source.git.testing.GitHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetches over smart HTTP from the real {@code git http-backend}, with basic authentication. */
class GitHttpFetchTest {
    private static final FetchLimits LOOPBACK = new FetchLimits(Duration.ofSeconds(60), 1 << 30, 10_000, true, false);
    private static final FetchListener QUIET = new RecordingListener();

    @TempDir
    Path dir;
    private GitHttpServer server;
    private RevCommit head;

    @BeforeEach
    void serveARepository() throws Exception {
        Path work = dir.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("go.mod"), "module example.org/shop\n\ngo 1.22\n");
            git.add().addFilepattern(".").call();
            head = git.commit().setMessage("go module").setAuthor("Ada", "ada@example.org").call();
        }
        Path root = Files.createDirectories(dir.resolve("served"));
        Git.cloneRepository().setURI(work.toUri().toString()).setBare(true)
                .setDirectory(root.resolve("shop.git").toFile()).call().close();
        server = new GitHttpServer(root, "ci", "s3cret-pass");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FetchResult fetch(Credentials credentials, Path target) throws Exception {
        Files.createDirectories(target);
        return new GitFetcher().fetch(new SourceLocation("git", server.url("shop.git"), null, null), credentials,
                target, LOOPBACK, QUIET);
    }

    @Test
    void theRightPasswordFetchesTheDefaultBranch() throws Exception {
        FetchResult r = fetch(new Credentials(Credentials.Type.PASSWORD, "ci", "s3cret-pass".toCharArray(), null),
                dir.resolve("a"));
        assertEquals(head.getName(), r.revision());
        assertEquals("main", r.ref());
        assertTrue(Files.exists(dir.resolve("a/go.mod")));
    }

    @Test
    void aWrongPasswordIsRefusedAndNeverEchoed() {
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetch(
                new Credentials(Credentials.Type.PASSWORD, "ci", "wrong-pass-123".toCharArray(), null),
                dir.resolve("b")));
        assertTrue(e.getMessage().contains("refused access"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pass-123"));
    }

    @Test
    void anHttpsServerWithASelfSignedCertificateIsFetchedOnlyWhenTrusted() throws Exception {
        Credentials ci = new Credentials(Credentials.Type.PASSWORD, "ci", "s3cret-pass".toCharArray(), null);
        try (GitHttpServer https = GitHttpServer.https(dir.resolve("served"), "ci", "s3cret-pass",
                Files.createDirectories(dir.resolve("tls")))) {
            String url = https.url("shop.git");
            assertTrue(url.startsWith("https://"));
            Path refusedInto = Files.createDirectories(dir.resolve("h1"));
            SourceFetchException e = assertThrows(SourceFetchException.class, () -> new GitFetcher().fetch(
                    new SourceLocation("git", url, null, null), ci, refusedInto, LOOPBACK, QUIET));
            assertTrue(e.getMessage().contains("certificate") && e.getMessage().contains("trustServerCertificate"),
                    e.getMessage());

            Path into = Files.createDirectories(dir.resolve("h2"));
            FetchResult r = new GitFetcher().fetch(new SourceLocation("git", url, null, null, true), ci, into,
                    LOOPBACK, QUIET);
            assertEquals(head.getName(), r.revision());
            assertTrue(Files.exists(into.resolve("go.mod")));

            Path anonymous = Files.createDirectories(dir.resolve("h3"));
            SourceFetchException refused = assertThrows(SourceFetchException.class, () -> new GitFetcher().fetch(
                    new SourceLocation("git", url, null, null, true), Credentials.none(), anonymous, LOOPBACK, QUIET));
            assertTrue(refused.getMessage().contains("refused access"), "trust opens TLS, not the repository: "
                    + refused.getMessage());
        }
    }

    @Test
    void noCredentialsIsRefusedToo() {
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetch(Credentials.none(),
                dir.resolve("c")));
        assertTrue(e.getMessage().contains("refused access"), e.getMessage());
    }
}
