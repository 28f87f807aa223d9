package io.kato.source.git.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.source.Credentials;
import io.kato.api.source.FetchLimits;
import io.kato.api.source.FetchResult;
import io.kato.api.source.HostKey;
import io.kato.api.source.HostKeys;
import io.kato.api.source.SourceFetchException;
import io.kato.api.source.SourceLocation;
import io.kato.source.git.testing.SshGitServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetches over SSH from Debian's OpenSSH server on loopback, with a deploy key and the
 * team's host keys trusted on first use.
 */
class GitSshFetchTest {
    private static final FetchLimits LOOPBACK = new FetchLimits(Duration.ofSeconds(60), 1 << 30, 10_000, true, false);

    @TempDir
    Path dir;
    private SshGitServer server;
    private Path bare;
    private RevCommit head;
    private String privateKey;
    private final Map<String, HostKey> trusted = new ConcurrentHashMap<>();
    private final RecordingListener listener = new RecordingListener();
    private final List<String> log = listener.lines;

    @BeforeEach
    void serveARepository() throws Exception {
        Path work = dir.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("requirements.txt"), "flask==3.0.0\n");
            git.add().addFilepattern(".").call();
            head = git.commit().setMessage("python").setAuthor("Ada", "ada@example.org").call();
        }
        bare = dir.resolve("served/shop.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setBare(true).setDirectory(bare.toFile()).call().close();
        server = new SshGitServer(dir.resolve("sshd"));
        String[] pair = SshGitServer.clientKeyPair(Files.createDirectories(dir.resolve("client")));
        privateKey = pair[0];
        server.authorize(pair[1]);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HostKeys teamKeys() {
        return new HostKeys() {
            @Override
            public Optional<HostKey> trusted(String host) {
                return Optional.ofNullable(trusted.get(host));
            }

            @Override
            public boolean trustFirstSeen(String host, HostKey key) {
                return trusted.putIfAbsent(host, key) == null;
            }
        };
    }

    private Credentials deployKey(String pem) {
        return new Credentials(Credentials.Type.SSH_KEY, null, null, pem.getBytes(StandardCharsets.US_ASCII),
                teamKeys());
    }

    private FetchResult fetch(Credentials credentials, String target) throws Exception {
        Path to = Files.createDirectories(dir.resolve(target));
        return new GitFetcher().fetch(new SourceLocation("git", server.url(bare), null, null), credentials, to,
                LOOPBACK, listener);
    }

    @Test
    void theDeployKeyFetchesAndTheHostKeyIsTrustedOnFirstUse() throws Exception {
        FetchResult r = fetch(deployKey(privateKey), "a");
        assertEquals(head.getName(), r.revision(), server.log());
        assertEquals("main", r.ref());
        assertTrue(Files.exists(dir.resolve("a/requirements.txt")));
        HostKey shown = HostKey.parse("key", server.hostKey());
        assertEquals(Map.of(hostName(), shown), trusted);
        assertTrue(log.stream().anyMatch(l -> l.contains("on first use") && l.contains(shown.fingerprint())), log::toString);

        assertEquals(head.getName(), fetch(deployKey(privateKey), "b").revision(), "the trusted key is accepted again");
    }

    @Test
    void aChangedHostKeyIsRefusedNamingBothFingerprints() throws Exception {
        fetch(deployKey(privateKey), "a");
        HostKey first = trusted.get(hostName());
        server.replaceHostKey();
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetch(deployKey(privateKey), "b"));
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
        assertTrue(e.getMessage().contains(first.fingerprint()), e.getMessage());
        assertTrue(e.getMessage().contains(HostKey.parse("key", server.hostKey()).fingerprint()), e.getMessage());
        assertEquals(first, trusted.get(hostName()), "the trusted key stays until a member removes it");
        assertFalse(Files.exists(dir.resolve("b/requirements.txt")));
    }

    @Test
    void aPinnedKeyThatDoesNotMatchRefusesEvenTheFirstConnection() throws Exception {
        trusted.put(hostName(), HostKey.parse("key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH/gJuMMuCSkxZxyjsU8JA/"
                + "ziOuqAaFX29hkeFp3yJAK"));
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetch(deployKey(privateKey), "a"));
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
    }

    @Test
    void aKeyTheRepositoryDoesNotKnowIsRefused() throws Exception {
        String[] stranger = SshGitServer.clientKeyPair(Files.createDirectories(dir.resolve("stranger")));
        SourceFetchException e = assertThrows(SourceFetchException.class, () -> fetch(deployKey(stranger[0]), "a"));
        assertTrue(e.getMessage().contains("refused access"), e.getMessage());
        assertFalse(e.getMessage().contains("PRIVATE KEY"));

        SourceFetchException none = assertThrows(SourceFetchException.class,
                () -> fetch(Credentials.none().withHostKeys(teamKeys()), "b"));
        assertTrue(none.getMessage().contains("refused access"), none.getMessage());
    }

    private String hostName() {
        String url = server.url(bare);
        int port = Integer.parseInt(url.replaceAll("^ssh://[^@]+@127\\.0\\.0\\.1:(\\d+)/.*$", "$1"));
        return HostKeys.name("127.0.0.1", port);
    }
}
