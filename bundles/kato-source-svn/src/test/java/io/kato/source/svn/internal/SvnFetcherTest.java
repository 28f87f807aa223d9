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
import io.kato.source.svn.testing.SvnHttpsServer;
import io.kato.source.svn.testing.SvnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
    private SvnServer server;
    private String url;

    @BeforeEach
    void serveARepository() throws Exception {
        server = new SvnServer(dir, "ci", "s3cret-pass", Map.of("index.php", "<?php echo 'hi';"));
        url = server.url();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
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
    void anHttpsServerWithASelfSignedCertificateIsFetchedOnlyWhenTrusted() throws Exception {
        Path web = Files.createDirectories(dir.resolve("web"));
        try (SvnHttpsServer https = new SvnHttpsServer(web, "ci", "s3cret-pass", Map.of("go.mod", "module x\n"))) {
            Path refusedInto = Files.createDirectories(dir.resolve("h1"));
            SourceFetchException e = assertThrows(SourceFetchException.class, () -> new SvnFetcher().fetch(
                    new SourceLocation("svn", https.url(), null, null), CI, refusedInto, LOOPBACK, QUIET));
            assertTrue(e.getMessage().contains("certificate") && e.getMessage().contains("trustServerCertificate"),
                    e.getMessage() + https.log());

            Path into = Files.createDirectories(dir.resolve("h2"));
            FetchResult r = new SvnFetcher().fetch(new SourceLocation("svn", https.url(), null, null, true), CI, into,
                    LOOPBACK, QUIET);
            assertEquals("trunk", r.ref(), https.log());
            assertTrue(Files.exists(into.resolve("go.mod")));
        }
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
