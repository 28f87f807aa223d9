package io.kato.source.git.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.ValidationException;
import io.kato.api.source.Credentials;
import io.kato.api.source.FetchLimits;
import io.kato.api.source.FetchResult;
import io.kato.api.source.SourceFetchException;
import io.kato.api.source.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git fetcher against real repositories made here with JGit and reached as local URLs. */
class GitFetcherTest {
    private static final FetchLimits LOCAL = new FetchLimits(Duration.ofSeconds(60), 1 << 30, 10_000, false, true);
    private final GitFetcher fetcher = new GitFetcher();
    private final RecordingListener listener = new RecordingListener();
    private final List<String> log = listener.lines;

    @TempDir
    Path dir;
    private Path origin;
    private RevCommit first;
    private RevCommit second;

    @BeforeEach
    void makeRepository() throws Exception {
        origin = dir.resolve("origin");
        try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
            Files.writeString(origin.resolve("pom.xml"), "<project/>");
            git.add().addFilepattern(".").call();
            first = git.commit().setMessage("first").setAuthor("Ada", "ada@example.org").call();
            git.tag().setName("v1").call();
            Files.createDirectories(origin.resolve("services/api"));
            Files.writeString(origin.resolve("services/api/package.json"), "{}");
            git.add().addFilepattern(".").call();
            second = git.commit().setMessage("second").setAuthor("Bob", "bob@example.org").call();
            git.branchCreate().setName("feature").setStartPoint(first).call();
        }
    }

    private FetchResult fetch(String ref, FetchLimits limits, Path target) throws Exception {
        Files.createDirectories(target);
        return fetcher.fetch(new SourceLocation("git", origin.toUri().toString(), ref, null), Credentials.none(),
                target, limits, listener);
    }

    @Test
    void clonesTheDefaultBranchWhenNoRefIsGiven() throws Exception {
        Path target = dir.resolve("a");
        FetchResult r = fetch(null, LOCAL, target);
        assertEquals(second.getName(), r.revision());
        assertEquals("main", r.ref());
        assertEquals("Bob", r.author());
        assertEquals("second", r.message());
        assertTrue(Files.exists(target.resolve("services/api/package.json")));
    }

    @Test
    void clonesABranchATagOrACommit() throws Exception {
        assertEquals(first.getName(), fetch("feature", LOCAL, dir.resolve("b")).revision());
        assertFalse(Files.exists(dir.resolve("b/services")));
        assertEquals(first.getName(), fetch("v1", LOCAL, dir.resolve("t")).revision());
        FetchResult byCommit = fetch(first.getName(), LOCAL, dir.resolve("c"));
        assertEquals(first.getName(), byCommit.revision());
        assertFalse(Files.exists(dir.resolve("c/services")));
    }

    @Test
    void aMissingBranchSaysSo() {
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetch("nope", LOCAL, dir.resolve("d")));
        assertTrue(e.getMessage().contains("'nope' does not exist"), e.getMessage());
    }

    @Test
    void aFolderThatIsNoRepositorySaysSo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("not-a-repo"));
        Files.createDirectories(dir.resolve("e"));
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetcher.fetch(
                new SourceLocation("git", empty.toUri().toString(), null, null), Credentials.none(), dir.resolve("e"),
                LOCAL, listener));
        assertTrue(e.getMessage().startsWith("No git repository at"), e.getMessage());
    }

    @Test
    void anEmptyRepositoryHasNoRevision() throws Exception {
        Path bare = dir.resolve("empty.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        Files.createDirectories(dir.resolve("f"));
        FetchResult r = fetcher.fetch(new SourceLocation("git", bare.toUri().toString(), null, null),
                Credentials.none(), dir.resolve("f"), LOCAL, listener);
        assertNull(r.revision());
    }

    @Test
    void sshHostsMustBeNamesMembersCanTypeToManageTheirKeys() {
        for (String url : new String[] {"ssh://git@my_host/shop.git", "git@github.com.:org/shop.git"}) {
            assertThrows(io.kato.api.ValidationException.class, () -> fetcher.validate(
                    new SourceLocation("git", url, null, null), LOCAL), url);
        }
        fetcher.validate(new SourceLocation("git", "git@github.com:org/shop.git", null, null), LOCAL);
        fetcher.validate(new SourceLocation("git", "ssh://git@10.0.0.7:2222/shop.git", null, null), LOCAL);
    }

    @Test
    void localRepositoriesNeedTheAdminsConsent() {
        FetchLimits closed = new FetchLimits(Duration.ofSeconds(60), 1 << 30, 10_000, false, false);
        ValidationException e = assertThrows(ValidationException.class, () -> fetch(null, closed, dir.resolve("g")));
        assertEquals("url", e.errors().get(0).field());
    }

    @Test
    void loopbackHostsAreRefusedUnlessPrivateNetworksAreAllowed() throws Exception {
        Files.createDirectories(dir.resolve("h"));
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetcher.fetch(
                new SourceLocation("git", "http://127.0.0.1:9/repo.git", null, null), Credentials.none(),
                dir.resolve("h"), LOCAL, listener));
        assertTrue(e.getMessage().contains("private or loopback"), e.getMessage());
        assertThrows(ValidationException.class, () -> fetcher.validate(
                new SourceLocation("git", "ftp://example.org/repo.git", null, null), LOCAL));
    }

    @Test
    void anUnreachableHostIsReportedWithoutAHang() throws Exception {
        FetchLimits open = new FetchLimits(Duration.ofSeconds(20), 1 << 30, 10_000, true, false);
        Files.createDirectories(dir.resolve("i"));
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetcher.fetch(
                new SourceLocation("git", "http://127.0.0.1:9/repo.git", null, null), Credentials.none(),
                dir.resolve("i"), open, listener));
        assertTrue(e.getMessage().startsWith("Cannot reach"), e.getMessage());
    }

    @Test
    void treesOverTheLimitsAreRefused() {
        FetchLimits tiny = new FetchLimits(Duration.ofSeconds(60), 1 << 30, 1, false, true);
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetch(null, tiny, dir.resolve("j")));
        assertTrue(e.getMessage().contains("more than 1 files"), e.getMessage());
    }
}
