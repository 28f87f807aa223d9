package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.Actor;
import io.kato.api.PageRequest;
import io.kato.api.build.BuildContext;
import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildStrategy;
import io.kato.api.model.Build;
import io.kato.api.model.ComponentState;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.Version;
import io.kato.runtime.local.internal.LocalRuntime;
import io.kato.api.NotFoundException;
import io.kato.api.model.KnownHost;
import io.kato.api.source.HostKey;
import io.kato.api.ConflictException;
import io.kato.api.ForbiddenException;
import io.kato.api.model.Component;
import io.kato.api.model.ComponentSource;
import io.kato.api.model.Port;
import io.kato.api.service.AppService.AppDraft;
import io.kato.api.service.ComponentService.ComponentDraft;
import io.kato.api.service.SourceCheckService;
import io.kato.api.service.CredentialService.CredentialDraft;
import io.kato.api.ValidationException;
import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.api.model.EventStatus;
import io.kato.api.model.Role;
import io.kato.api.model.SourceCheck;
import io.kato.api.service.SourceCheckService.SourceCheckRequest;
import io.kato.api.service.TeamService.TeamDraft;
import io.kato.api.source.Credentials;
import io.kato.api.source.FetchLimits;
import io.kato.api.source.FetchListener;
import io.kato.api.source.FetchResult;
import io.kato.api.source.SourceFetchException;
import io.kato.api.source.SourceFetcher;
import io.kato.api.source.SourceLocation;
import io.kato.store.JobRows;
import io.kato.store.Store;
import io.kato.store.internal.TestStores;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source check from request to report, with a fetcher that copies a prepared tree. */
class SourceCheckTest {
    private final Actor admin = new Actor("root", null, true, Map.of(), null);
    private Store store;
    private SourceFetchers fetchers;
    private LanguageRegistryImpl detectors;
    private SourceCheckServiceImpl checks;
    private JobWorkers workers;
    private SourceWorkspaces sources;
    private String teamId;
    private RuntimeException fetchFailure;
    private Secrets secrets;
    private CredentialServiceImpl credentials;
    private Credentials lastCredentials;

    @TempDir
    Path dir;

    static SourceConfig config(boolean allowFileUrls) {
        return new SourceConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SourceConfig.class;
            }

            @Override
            public boolean allowPrivateNetworks() {
                return false;
            }

            @Override
            public boolean allowFileUrls() {
                return allowFileUrls;
            }

            @Override
            public int timeoutSeconds() {
                return 30;
            }

            @Override
            public long maxBytes() {
                return 1 << 20;
            }

            @Override
            public int maxFiles() {
                return 1000;
            }

            @Override
            public int archiveRetentionHours() {
                return 24;
            }
        };
    }

    @BeforeEach
    void setUp() throws Exception {
        store = TestStores.newDerbyStore();
        teamId = new TeamServiceImpl(store, Clock.systemUTC()).create(admin, new TeamDraft("shop", null, null)).id();
        Path template = Files.createDirectories(dir.resolve("template/services/api"));
        Files.writeString(template.resolve("marker.txt"), "hello");
        Files.writeString(dir.resolve("template/README.md"), "# shop");

        secrets = new Secrets(new SecretCipher(SecretCipherTest.randomKey()));
        credentials = new CredentialServiceImpl(store, secrets, Clock.systemUTC());
        fetchers = new SourceFetchers();
        fetchers.addFetcher(new CopyFetcher(dir.resolve("template")), Map.of("service.id", 1L));
        detectors = new LanguageRegistryImpl();
        detectors.addDetector(new MarkerDetector(), Map.of("service.id", 2L));
        checks = new SourceCheckServiceImpl(store, fetchers, config(false), Clock.systemUTC(), dir.resolve("archives"));
        workers = new JobWorkers(store, Clock.systemUTC(), "test", Duration.ofSeconds(30), Runnable::run, 1);
        sources = new SourceWorkspaces(store, fetchers, credentials, new KnownHostServiceImpl(store), config(false),
                dir.resolve("work"));
        workers.addHandler(SourceCheckServiceImpl.JOB_KIND,
                new SourceCheckJob(store, sources, detectors));
    }

    private SourceCheck runToEnd(SourceCheckRequest request) {
        SourceCheck queued = checks.start(admin, "shop", request);
        assertEquals(SourceCheck.QUEUED, queued.status());
        assertEquals(1, workers.pollOnce());
        return checks.get(admin, "shop", queued.id());
    }

    @Test
    void aCheckFetchesIndexesDetectsAndKeepsItsReport() throws Exception {
        SourceCheck done = runToEnd(new SourceCheckRequest(null, "https://example.org/shop.git", "main", "services/api", null));
        assertEquals(SourceCheck.SUCCEEDED, done.status(), done.message());
        assertEquals("git", done.kind());
        assertEquals("services/api", done.subdir());
        assertEquals("rev-1", done.report().revision());
        assertEquals(List.of("marker"), done.report().languages().stream().map(Detection::language).toList());
        assertEquals("./start", done.report().languages().get(0).startCommand());
        assertEquals(1, done.report().files(), "only the sub-directory is indexed");
        assertTrue(Files.notExists(dir.resolve("work/check-" + done.id())), "the workspace is deleted");

        var event = new EventServiceImpl(store).get(admin, "shop", done.eventId());
        assertEquals(EventStatus.SUCCEEDED, event.status());
        assertTrue(new EventServiceImpl(store).log(admin, "shop", done.eventId()).contains("Indexed 1 files"));
    }

    @Test
    void aFetchFailureEndsTheCheckAtOnceWithItsMessage() {
        fetchFailure = new SourceFetchException("Branch, tag or commit 'nope' does not exist in https://example.org/x");
        SourceCheck done = runToEnd(new SourceCheckRequest("git", "https://example.org/x", "nope", null, null));
        assertEquals(SourceCheck.FAILED, done.status());
        assertTrue(done.message().contains("'nope' does not exist"));
        assertEquals(EventStatus.FAILED, new EventServiceImpl(store).get(admin, "shop", done.eventId()).status());
        assertEquals(0, workers.pollOnce(), "not retried");
        long failedJobs = store.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM jobs WHERE status = ? AND attempts = 1",
                JobRows.FAILED));
        assertEquals(1, failedJobs);
    }

    @Test
    void aMissingSubdirectoryIsAClearFailure() {
        SourceCheck done = runToEnd(new SourceCheckRequest("git", "https://example.org/x", null, "nowhere", null));
        assertEquals(SourceCheck.FAILED, done.status());
        assertTrue(done.message().contains("has no folder 'nowhere'"), done.message());
    }

    @Test
    void aSubdirectoryThatLinksOutOfTheRepositoryIsRefused() throws Exception {
        Files.createSymbolicLink(dir.resolve("template/escape"), dir.resolve("template").getParent().getParent());
        SourceCheck done = runToEnd(new SourceCheckRequest("git", "https://example.org/x", null, "escape", null));
        assertEquals(SourceCheck.FAILED, done.status());
        assertTrue(done.message().contains("has no folder 'escape'"), done.message());
    }

    @Test
    void anUnexpectedErrorStillEndsTheCheckWithoutDetails() {
        fetchFailure = new IllegalStateException("secret internal detail");
        SourceCheck done = runToEnd(new SourceCheckRequest("git", "https://example.org/x", null, null, null));
        assertEquals(SourceCheck.FAILED, done.status());
        assertTrue(done.message().contains("failed inside the server"), done.message());
        assertTrue(!done.message().contains("secret internal detail"));
    }

    @Test
    void unknownSourceIsReportedAsAProblemNotAFailure() throws Exception {
        Files.delete(dir.resolve("template/services/api/marker.txt"));
        SourceCheck done = runToEnd(new SourceCheckRequest("git", "https://example.org/x", null, null, null));
        assertEquals(SourceCheck.SUCCEEDED, done.status());
        assertTrue(done.report().languages().isEmpty());
        assertTrue(done.report().problems().get(0).message().contains("No installed detector"));
        assertEquals("Markdown", done.report().breakdown().get(0).language());
    }

    @Test
    void dangerousRequestsAreRefusedBeforeAnythingIsWritten() {
        for (SourceCheckRequest bad : List.of(
                new SourceCheckRequest("git", "-uhttps://x", null, null, null),
                new SourceCheckRequest("git", "ext::sh -c touch% /tmp/pwned", null, null, null),
                new SourceCheckRequest("git", "https://user:hunter2@example.org/x.git", null, null, null),
                new SourceCheckRequest("git", "file:///etc", null, null, null),
                new SourceCheckRequest("git", "/srv/repo", null, null, null),
                new SourceCheckRequest("git", "https://example.org/x.git", "--upload-pack=evil", null, null),
                new SourceCheckRequest("git", "https://example.org/x.git", null, "../../etc", null),
                new SourceCheckRequest("svn", "https://example.org/x", null, null, null),
                new SourceCheckRequest("git", "", null, null, null))) {
            ValidationException e = assertThrows(ValidationException.class, () -> checks.start(admin, "shop", bad),
                    bad.toString());
            assertTrue(!e.getMessage().contains("hunter2"), "the password is not echoed");
        }
        assertEquals(0L, (long) store.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM source_checks")));
        // A user name with a port is not a password.
        assertEquals("https://ci@example.org:8443/x.git", SourceRequests.normalise(
                new SourceCheckRequest("git", "https://ci@example.org:8443/x.git", null, null, null), false).url());
        assertEquals(0L, (long) store.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM jobs")));
    }

    @Test
    void aComponentCreatedFromACheckTakesItsSourceLanguageAndPorts() {
        SourceCheck done = runToEnd(new SourceCheckRequest("git", "https://example.org/shop.git", "main", "services/api", null));
        new AppServiceImpl(store, Clock.systemUTC()).create(admin, "shop", new AppDraft("web", null, null));
        ComponentServiceImpl components = new ComponentServiceImpl(store,
                new Secrets(new SecretCipher(SecretCipherTest.randomKey())), new Runtimes("local"), Clock.systemUTC());
        Component c = components.create(admin, "shop", new ComponentDraft("api", "web", null, null, null, null, null,
                null, null, done.id(), null));
        assertEquals("marker", c.language());
        assertEquals(List.of(8080), c.ports().stream().map(Port::port).toList());
        assertEquals(new ComponentSource("git", "https://example.org/shop.git", "main", "services/api", done.id()),
                components.get(admin, "shop", "api").source());

        ValidationException wrong = assertThrows(ValidationException.class, () -> components.create(admin, "shop",
                new ComponentDraft("api2", "web", null, null, null, null, null, null, null, done.id(), "cobol")));
        assertTrue(wrong.getMessage().contains("detected: marker"), wrong.getMessage());
        fetchFailure = new SourceFetchException("Cannot reach https://example.org/x");
        SourceCheck failed = runToEnd(new SourceCheckRequest("git", "https://example.org/x", null, null, null));
        assertThrows(ConflictException.class, () -> components.create(admin, "shop",
                new ComponentDraft("api3", "web", null, null, null, null, null, null, null, failed.id(), null)));
    }

    @Test
    void aCheckFetchesWithTheTeamsCredentialWhichIsStoredSealedAndNeverShown() {
        var shown = credentials.create(admin, "shop", new CredentialDraft("github", "password", "ci", "s3cret-pass"));
        assertEquals("github", shown.name());
        assertTrue(!shown.toString().contains("s3cret-pass"));
        String stored = store.inTransaction(tx -> tx.one("SELECT secret FROM source_credentials", rs -> rs.getString(1)))
                .orElseThrow();
        assertTrue(stored.startsWith("enc:v1:") && !stored.contains("s3cret-pass"));

        SourceCheck done = runToEnd(new SourceCheckRequest("git", "https://example.org/private.git", null,
                "services/api", "github"));
        assertEquals(SourceCheck.SUCCEEDED, done.status());
        assertEquals(Credentials.Type.PASSWORD, lastCredentials.type());
        assertEquals("s3cret-pass", new String(lastCredentials.secret()));
        assertEquals("github", done.credentials());

        assertThrows(ValidationException.class, () -> checks.start(admin, "shop",
                new SourceCheckRequest("git", "https://example.org/x.git", null, null, "missing")));
    }

    @Test
    void anSshCredentialIsAGeneratedKeyPairShowingOnlyItsPublicHalf() {
        var ssh = credentials.create(admin, "shop", new CredentialDraft("deploy", "ssh", null, null));
        assertTrue(ssh.publicKey().startsWith("ssh-rsa AAAAB3NzaC1yc2E"), ssh.publicKey());
        assertTrue(ssh.publicKey().endsWith(" kato-shop-deploy"));
        Credentials opened = store.inTransaction(tx -> credentials.open(tx, teamId, "deploy"));
        assertTrue(new String(opened.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertThrows(ValidationException.class, () -> credentials.create(admin, "shop",
                new CredentialDraft("bad", "ssh", null, "my-own-key")));
        assertThrows(ValidationException.class, () -> credentials.create(admin, "shop",
                new CredentialDraft("bad", "kerberos", null, "x")));
    }

    @Test
    void uploadsAreBoundedOwnedByTheirTeamAndNeverHalfWritten() {
        SourceCheckService.ArchiveUpload up = checks.upload(admin, "shop",
                new java.io.ByteArrayInputStream("PK fake zip".getBytes()));
        assertEquals(11, up.bytes());
        assertTrue(Files.exists(dir.resolve("archives").resolve(up.id())));
        assertTrue(checks.ownsArchive(teamId, up.id()));
        assertTrue(!checks.ownsArchive("other-team", up.id()));
        assertTrue(!checks.ownsArchive(teamId, "../../etc/passwd"));

        assertThrows(ValidationException.class, () -> checks.upload(admin, "shop",
                new java.io.ByteArrayInputStream(new byte[0])));
        ValidationException big = assertThrows(ValidationException.class, () -> checks.upload(admin, "shop",
                new java.io.ByteArrayInputStream(new byte[(1 << 20) + 1])));
        assertTrue(big.getMessage().contains("larger than 1 MB"), big.getMessage());
        try (var files = Files.list(dir.resolve("archives"))) {
            assertEquals(2, files.count(), "only the first upload and its owner file remain");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void uploadsNoComponentOrRunningCheckUsesAreSweptAfterTheirRetention() throws Exception {
        String unused = checks.upload(admin, "shop", new java.io.ByteArrayInputStream("PK one".getBytes())).id();
        String built = checks.upload(admin, "shop", new java.io.ByteArrayInputStream("PK two".getBytes())).id();
        String checking = checks.upload(admin, "shop", new java.io.ByteArrayInputStream("PK three".getBytes())).id();
        String fresh = checks.upload(admin, "shop", new java.io.ByteArrayInputStream("PK four".getBytes())).id();
        String checked = checks.upload(admin, "shop", new java.io.ByteArrayInputStream("PK five".getBytes())).id();
        Path archives = dir.resolve("archives");
        for (String old : List.of(unused, built, checking, checked)) {
            Files.setLastModifiedTime(archives.resolve(old),
                    java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofHours(25))));
        }
        new AppServiceImpl(store, Clock.systemUTC()).create(admin, "shop", new AppDraft("web", null, null));
        ComponentServiceImpl components = new ComponentServiceImpl(store, secrets, new Runtimes("local"),
                Clock.systemUTC());
        components.create(admin, "shop", new ComponentDraft("api", "web", null, null, null, null, null, null, null,
                null, null));
        store.inTransaction(tx -> tx.update("UPDATE components SET src_kind = 'archive', src_url = ? WHERE name ="
                + " 'api'", built));
        fetchers.addFetcher(new CopyFetcher(dir.resolve("template")) {
            @Override
            public String kind() {
                return "archive";
            }
        }, Map.of("service.id", 3L));
        assertEquals(SourceCheck.SUCCEEDED, runToEnd(new SourceCheckRequest("archive", checked, null, null, null))
                .status()); // a fresh report: components may still be made from it
        checks.start(admin, "shop", new SourceCheckRequest("archive", checking, null, null, null)); // stays queued

        assertEquals(1, new ArchiveSweeper(store, config(false), Clock.systemUTC(), archives).sweep());
        assertTrue(!Files.exists(archives.resolve(unused)) && !Files.exists(archives.resolve(unused + ".team")));
        assertTrue(!checks.ownsArchive(teamId, unused), "a swept upload can no longer be checked");
        for (String kept : List.of(built, checking, fresh, checked)) {
            assertTrue(checks.ownsArchive(teamId, kept), kept);
        }
    }

    @Test
    void oneComponentPerModuleAllOrNothing() throws Exception {
        Files.writeString(dir.resolve("template/modules.txt"), "two");
        SourceCheck done = runToEnd(new SourceCheckRequest("git", "https://example.org/mono.git", null, null, null));
        new AppServiceImpl(store, Clock.systemUTC()).create(admin, "shop", new AppDraft("web", null, null));
        ComponentServiceImpl components = new ComponentServiceImpl(store, secrets, new Runtimes("local"),
                Clock.systemUTC());
        List<Component> made = components.createFromModules(admin, "shop", done.id(), "web", null);
        assertEquals(List.of("order-service", "billing"), made.stream().map(Component::name).toList());
        assertEquals("svc/order", made.get(0).source().subdir());
        assertEquals("marker", made.get(1).language());
        assertEquals(8080, made.get(0).ports().get(0).port(), "the tree's port when the module names none");
        assertEquals(9090, made.get(1).ports().get(0).port(), "the module's own port");

        assertThrows(ConflictException.class, () -> components.createFromModules(admin, "shop", done.id(), "web",
                null));
        assertEquals(2L, (long) store.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM components")));
    }

    @Test
    void hostKeysAreTrustedOnFirstUsePerTeamAndCanBePinnedOrForgotten() {
        KnownHostServiceImpl known = new KnownHostServiceImpl(store);
        String ed = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH/gJuMMuCSkxZxyjsU8JA/ziOuqAaFX29hkeFp3yJAK";
        String other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG+NQ4yR1g6UKc8yuOA+K9kGT2T4UuX1PXax4hSh/Ruq";
        HostKey first = HostKey.parse("key", ed);

        // A check always carries the team's host keys, with or without a credential.
        runToEnd(new SourceCheckRequest("git", "https://example.org/x.git", null, null, null));
        assertTrue(lastCredentials.hostKeys().trustFirstSeen("git.example.org:2222", first));
        assertEquals(first, lastCredentials.hostKeys().trusted("git.example.org:2222").orElseThrow());
        assertTrue(!lastCredentials.hostKeys().trustFirstSeen("git.example.org:2222", HostKey.parse("key", other)),
                "a second, different key for the same host is not trusted");

        KnownHost listed = known.list(admin, "shop").get(0);
        assertEquals("git.example.org:2222", listed.host());
        assertEquals(ed, listed.key());
        assertEquals("SHA256:dqIT8dHVbT5DpSIJYObn0J+tdr4iIW7qrBrKbhV6I08", listed.fingerprint(), "as ssh-keygen -lf");
        assertTrue(!listed.pinned());

        assertThrows(ConflictException.class, () -> known.pin(admin, "shop", "git.example.org:2222", other));
        known.delete(admin, "shop", "GIT.example.org:2222");
        assertTrue(known.list(admin, "shop").isEmpty());
        assertTrue(known.pin(admin, "shop", "git.example.org", other + " comment").pinned());
        assertEquals(HostKey.parse("key", other), known.forTeam(teamId).trusted("git.example.org").orElseThrow());

        assertThrows(ValidationException.class, () -> known.pin(admin, "shop", "-oProxyCommand=x", ed));
        assertThrows(ValidationException.class, () -> known.pin(admin, "shop", "h.example.org", "ssh-rsa " +
                ed.substring(12)), "the blob names another type");
        assertThrows(ValidationException.class, () -> known.pin(admin, "shop", "h.example.org", "not a key"));
        assertThrows(ValidationException.class, () -> known.pin(admin, "shop", "h.example.org", "ssh-rsa "
                + java.util.Base64.getEncoder().encodeToString(new byte[4000])), "longer than any key");
        String rsa = credentials.create(admin, "shop", new CredentialDraft("k", "ssh", null, null)).publicKey();
        String unpadded = rsa.split(" ")[0] + " " + rsa.split(" ")[1].replace("=", "");
        assertEquals(HostKey.parse("key", rsa), HostKey.parse("key", unpadded), "padding does not make a key differ");
        assertThrows(NotFoundException.class, () -> known.delete(admin, "shop", "nope.example.org"));
        Actor viewer = new Actor("vera", "u1", false, Map.of(teamId, Role.VIEWER), null);
        assertEquals(1, known.list(viewer, "shop").size());
        assertThrows(ForbiddenException.class, () -> known.delete(viewer, "shop", "git.example.org"));
    }

    /** Builds the marker language by running a shell step that makes the artifact folder. */
    private static BuildStrategy markerStrategy(String script) {
        return new BuildStrategy() {
            @Override
            public String name() {
                return "marker-build";
            }

            @Override
            public boolean supports(BuildContext context) {
                return context.detection().language().equals("marker");
            }

            @Override
            public BuildPlan plan(BuildContext context) {
                return new BuildPlan(name(), List.of(new BuildPlan.Step("compile", List.of("sh", "-c", script),
                        Map.of("GREETING", context.buildEnv().getOrDefault("BUILD_GREETING", "none")), ".")), "out",
                        List.of(), List.of(), null); // served as static files: no start command
            }
        };
    }

    @Test
    void aComponentFromSourceIsBuiltIntoNumberedVersionsOnTheLocalRuntime() throws Exception {
        SourceCheck done = runToEnd(new SourceCheckRequest("git", "https://example.org/x.git", null, "services/api",
                null));
        new AppServiceImpl(store, Clock.systemUTC()).create(admin, "shop", new AppDraft("web", null, null));
        ComponentServiceImpl components = new ComponentServiceImpl(store, secrets, new Runtimes("local"),
                Clock.systemUTC());
        components.create(admin, "shop", new ComponentDraft("api", "web", null, null, null, null, null, null,
                List.of(new EnvVar("BUILD_GREETING", "hello", EnvScope.BUILD, true)), done.id(), null));
        BuildStrategies strategies = new BuildStrategies();
        strategies.addStrategy(markerStrategy("mkdir out && cp marker.txt out/ && echo \"greeting=$GREETING\""),
                Map.of("service.id", 10L));
        Runtimes runtimes = new Runtimes("local");
        runtimes.addRuntime(new LocalRuntime(localConfig(), dir.resolve("artifacts")));
        BuildServiceImpl builds = new BuildServiceImpl(store, runtimes, Clock.systemUTC());
        workers.addHandler(BuildServiceImpl.JOB_KIND, new BuildJob(store, sources, strategies, runtimes, secrets,
                dir.resolve("cache"), null));
        ComponentServiceImpl observed = new ComponentServiceImpl(store, secrets, runtimes, Clock.systemUTC());

        Build queued = builds.build(admin, "shop", "api");
        assertEquals(Build.QUEUED, queued.status());
        assertEquals(ComponentState.BUILDING, observed.state(admin, "shop", "api"));
        assertThrows(ConflictException.class, () -> builds.build(admin, "shop", "api"), "one build at a time");
        assertEquals(1, workers.pollOnce());
        Build first = builds.get(admin, "shop", "api", queued.id());
        assertEquals(Build.SUCCEEDED, first.status(), first.message());
        String log = new EventServiceImpl(store).log(admin, "shop", queued.id());
        assertTrue(log.contains("greeting=********") && log.contains("Version 1 built"), log);
        assertFalse(log.contains("greeting=hello"), "a secret build variable is masked in the log");

        builds.build(admin, "shop", "api");
        assertEquals(1, workers.pollOnce());
        List<Version> versions = builds.versions(admin, "shop", "api", new PageRequest(0, 10)).items();
        assertEquals(List.of(2, 1), versions.stream().map(Version::number).toList());
        Version v1 = versions.get(1);
        assertEquals("marker-build", v1.strategy());
        assertEquals("rev-1", v1.revision());
        assertEquals(List.of(), v1.startCommand());
        assertEquals("hello", Files.readString(Path.of(v1.artifact(), "marker.txt")));
        new Reconciler(store, runtimes, c -> Optional.empty()).reconcileAll();
        assertTrue(Files.exists(Path.of(v1.artifact(), "marker.txt")), "a reconcile pass keeps the versions' artifacts");
        assertEquals(ComponentState.CLOSED, observed.state(admin, "shop", "api"), "built, not running");

        strategies.addStrategy(markerStrategy("echo 'compile error: missing ;'; exit 2"),
                Map.of("service.id", 11L, "service.ranking", 5));
        Build broken = builds.build(admin, "shop", "api");
        assertEquals(1, workers.pollOnce());
        Build failed = builds.get(admin, "shop", "api", broken.id());
        assertEquals(Build.FAILED, failed.status());
        assertTrue(failed.message().contains("'compile' failed with exit status 2"), failed.message());
        assertTrue(new EventServiceImpl(store).log(admin, "shop", broken.id()).contains("compile error: missing ;"));
        assertEquals(2, builds.versions(admin, "shop", "api", new PageRequest(0, 10)).total(), "no version from it");
        assertEquals(ComponentState.CLOSED, observed.state(admin, "shop", "api"), "a version still exists");

        // Start: the reconciler runs the newest version (2) on the local runtime; stop ends it.
        Reconciler reconciler = new Reconciler(store, runtimes, new Deployments(store, secrets)::of);
        observed.start(admin, "shop", "api");
        assertEquals(1, reconciler.reconcileAll());
        List<io.kato.api.runtime.Observation.Instance> running = observed.instances(admin, "shop", "api");
        assertEquals(1, running.size());
        assertTrue(running.get(0).ready(), running.toString());
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + running.get(0).address()
                        + "/marker.txt")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals("hello", page.body());
        assertEquals(ComponentState.RUNNING, observed.state(admin, "shop", "api"));
        assertEquals(0, reconciler.reconcileAll(), "converged: a second pass does nothing");

        // Rollback, scale, upgrade, restart: each an event that ends when the rollout has converged.
        Version v2 = versions.get(0);
        io.kato.api.model.Event back = observed.rollback(admin, "shop", "api", 1);
        assertEquals(io.kato.api.model.EventStatus.RUNNING, back.status());
        assertEquals(1, observed.deployedVersion(admin, "shop", "api").number());
        assertEquals(io.kato.api.model.EventStatus.SUCCEEDED, settle(reconciler, back));
        assertTrue(observed.instances(admin, "shop", "api").stream().allMatch(i -> v1.id().equals(i.versionId())));
        NotFoundException missing = assertThrows(NotFoundException.class, () -> observed.rollback(admin, "shop", "api",
                9));
        assertTrue(missing.getMessage().contains("no version 9"), missing.getMessage());
        assertEquals(io.kato.api.model.EventStatus.SUCCEEDED, settle(reconciler, observed.scale(admin, "shop", "api",
                3, null)));
        assertEquals(3, observed.instances(admin, "shop", "api").size());
        assertThrows(io.kato.api.ValidationException.class, () -> observed.scale(admin, "shop", "api", -1, null));
        assertEquals(io.kato.api.model.EventStatus.SUCCEEDED, settle(reconciler, observed.upgrade(admin, "shop",
                "api")));
        assertEquals(2, observed.deployedVersion(admin, "shop", "api").number());
        List<io.kato.api.runtime.Observation.Instance> upgraded = observed.instances(admin, "shop", "api");
        assertEquals(3, upgraded.size());
        assertTrue(upgraded.stream().allMatch(i -> v2.id().equals(i.versionId()) && i.ready()), upgraded.toString());
        assertEquals(io.kato.api.model.EventStatus.SUCCEEDED, settle(reconciler, observed.restart(admin, "shop",
                "api")));
        assertTrue(observed.instances(admin, "shop", "api").stream().noneMatch(i -> upgraded.stream()
                .anyMatch(u -> u.id().equals(i.id()))), "every instance was replaced");
        assertTrue(new EventServiceImpl(store).log(admin, "shop", back.id()).contains("Rolling back to version 1"));

        io.kato.api.model.Event stopping = store.inTransaction(tx -> new io.kato.store.EventRows(tx).list(teamId, 0, 50))
                .stream().filter(e -> e.operation().equals("stop")).findFirst().orElse(null);
        assertEquals(null, stopping);
        observed.stop(admin, "shop", "api");
        io.kato.api.model.Event stopped = store.inTransaction(tx -> new io.kato.store.EventRows(tx).list(teamId, 0, 50))
                .stream().filter(e -> e.operation().equals("stop")).findFirst().orElseThrow();
        assertEquals(io.kato.api.model.EventStatus.SUCCEEDED, settle(reconciler, stopped));
        assertTrue(observed.instances(admin, "shop", "api").isEmpty());
        assertEquals(ComponentState.CLOSED, observed.state(admin, "shop", "api"));
        ConflictException notRunning = assertThrows(ConflictException.class, () -> observed.restart(admin, "shop",
                "api"));
        assertTrue(notRunning.getMessage().contains("start it instead"), notRunning.getMessage());

        // A build whose worker died (job and event failed, the build row not) blocks nothing.
        Build orphan = builds.build(admin, "shop", "api");
        store.inTransaction(tx -> {
            new io.kato.store.EventRows(tx).finish(orphan.id(), io.kato.api.model.EventStatus.FAILED, "worker died",
                    java.time.Instant.now());
            return null;
        });
        assertEquals(ComponentState.CLOSED, observed.state(admin, "shop", "api"), "not building any more");
        assertEquals(Build.FAILED, builds.get(admin, "shop", "api", orphan.id()).status());
        Build after = builds.build(admin, "shop", "api");
        assertEquals(Build.QUEUED, after.status());
        assertEquals(1, workers.pollOnce()); // the dead build's job finds its build failed already
        assertEquals(1, workers.pollOnce());

        observed.start(admin, "shop", "api");
        ConflictException deleting = assertThrows(ConflictException.class, () -> observed.delete(admin, "shop", "api",
                null));
        assertTrue(deleting.getMessage().contains("stop it first"), deleting.getMessage());
        observed.stop(admin, "shop", "api");

        // Cancel: a queued build ends at once; a running one has its step killed and ends cancelled.
        Build waiting = builds.build(admin, "shop", "api");
        Build dropped = builds.cancel(admin, "shop", "api", waiting.id());
        assertEquals(Build.CANCELLED, dropped.status());
        assertEquals(1, workers.pollOnce()); // its job finds it cancelled
        assertEquals(io.kato.api.model.EventStatus.FAILED, new EventServiceImpl(store).get(admin, "shop",
                waiting.id()).status());
        strategies.addStrategy(markerStrategy("echo started; sleep 30; mkdir out"),
                Map.of("service.id", 12L, "service.ranking", 10));
        Build slow = builds.build(admin, "shop", "api");
        Thread worker = new Thread(workers::pollOnce);
        long began = System.nanoTime();
        worker.start();
        for (int i = 0; i < 100 && !new EventServiceImpl(store).log(admin, "shop", slow.id()).contains("started"); i++) {
            Thread.sleep(100);
        }
        assertEquals(Build.CANCELLING, builds.cancel(admin, "shop", "api", slow.id()).status());
        worker.join(15_000);
        assertFalse(worker.isAlive(), "the step was killed, not waited for");
        assertTrue(System.nanoTime() - began < 20_000_000_000L);
        Build cancelled = builds.get(admin, "shop", "api", slow.id());
        assertEquals(Build.CANCELLED, cancelled.status());
        assertEquals("Cancelled by root", cancelled.message());
        io.kato.api.model.Event slowEvent = new EventServiceImpl(store).get(admin, "shop", slow.id());
        assertEquals(io.kato.api.model.EventStatus.FAILED, slowEvent.status());
        assertEquals("Cancelled by root", slowEvent.message());
        ConflictException ended = assertThrows(ConflictException.class, () -> builds.cancel(admin, "shop", "api",
                slow.id()));
        assertTrue(ended.getMessage().contains("already ended"), ended.getMessage());
        assertEquals(2, builds.versions(admin, "shop", "api", new PageRequest(0, 10)).total(), "no version from it");

        // A cancel landing after the runtime's build returned, before the version is written: no version.
        io.kato.api.runtime.Runtime onHost = runtimes.forTeam(observed.get(admin, "shop", "api").teamId()).orElseThrow();
        String[] lateId = new String[1];
        runtimes.addRuntime((io.kato.api.runtime.Runtime) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {io.kato.api.runtime.Runtime.class}, (proxy, m, args) -> {
                    Object result = m.invoke(onHost, args);
                    if (m.getName().equals("build")) {
                        builds.cancel(admin, "shop", "api", lateId[0]);
                    }
                    return result;
                }));
        strategies.addStrategy(markerStrategy("mkdir out"), Map.of("service.id", 13L, "service.ranking", 20));
        lateId[0] = builds.build(admin, "shop", "api").id();
        assertEquals(1, workers.pollOnce());
        assertEquals(Build.CANCELLED, builds.get(admin, "shop", "api", lateId[0]).status());
        assertEquals(2, builds.versions(admin, "shop", "api", new PageRequest(0, 10)).total(),
                "the version is written with the build's success, in one transaction");
        runtimes.addRuntime(onHost);

        components.create(admin, "shop", new ComponentDraft("db", "web", null, null, null, null, null, null, null,
                null, null));
        ConflictException noSource = assertThrows(ConflictException.class, () -> builds.build(admin, "shop", "db"));
        assertTrue(noSource.getMessage().contains("not made from source"), noSource.getMessage());
        ConflictException unbuilt = assertThrows(ConflictException.class, () -> observed.start(admin, "shop", "db"));
        assertTrue(unbuilt.getMessage().contains("build it first"), unbuilt.getMessage());
        Actor viewer = new Actor("vera", "u1", false, Map.of(teamId, Role.VIEWER), null);
        assertThrows(ForbiddenException.class, () -> builds.build(viewer, "shop", "api"));
    }

    private static io.kato.runtime.local.internal.LocalRuntimeConfig localConfig() {
        return new io.kato.runtime.local.internal.LocalRuntimeConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return io.kato.runtime.local.internal.LocalRuntimeConfig.class;
            }

            @Override
            public int buildTimeoutSeconds() {
                return 60;
            }

            @Override
            public int maxLogLine() {
                return 1000;
            }

            @Override
            public int stopGraceSeconds() {
                return 2;
            }

            @Override
            public long drainMillis() {
                return 50;
            }

            @Override
            public int maxInstanceLogMegabytes() {
                return 10;
            }
        };
    }

    /** Reconciles and settles operations until the event has ended; returns how it ended. */
    private io.kato.api.model.EventStatus settle(Reconciler reconciler, io.kato.api.model.Event e) throws Exception {
        for (int i = 0; i < 200; i++) {
            reconciler.reconcileAll();
            reconciler.settleOperations();
            io.kato.api.model.EventStatus status = store.inTransaction(tx -> new io.kato.store.EventRows(tx)
                    .byId(teamId, e.id())).orElseThrow().status();
            if (status != io.kato.api.model.EventStatus.RUNNING) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the " + e.operation() + " did not end");
    }

    @Test
    void viewersCannotStartChecks() {
        Actor viewer = new Actor("vera", "u1", false, Map.of(teamId, Role.VIEWER), null);
        assertThrows(ForbiddenException.class, () -> checks.start(viewer,
                "shop", new SourceCheckRequest("git", "https://example.org/x.git", null, null, null)));
    }

    private class CopyFetcher implements SourceFetcher {
        private final Path template;

        CopyFetcher(Path template) {
            this.template = template;
        }

        @Override
        public String kind() {
            return "git";
        }

        @Override
        public void validate(SourceLocation location, FetchLimits limits) {
        }

        @Override
        public FetchResult fetch(SourceLocation location, Credentials credentials, Path target, FetchLimits limits,
                                 FetchListener listener) {
            lastCredentials = credentials;
            if (fetchFailure != null) {
                throw fetchFailure;
            }
            try (var paths = Files.walk(template)) {
                for (Path p : paths.toList()) {
                    Path to = target.resolve(template.relativize(p).toString());
                    if (Files.isSymbolicLink(p)) {
                        Files.createSymbolicLink(to, Files.readSymbolicLink(p));
                    } else if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            listener.progress("copied");
            return new FetchResult("rev-1", location.ref(), "Ada", "first", null);
        }
    }

    private static final class MarkerDetector implements LanguageDetector {
        @Override
        public String language() {
            return "marker";
        }

        @Override
        public Optional<Detection> detect(SourceTree tree) {
            if (tree.exists("modules.txt")) {
                return Optional.of(new Detection("marker", Map.of(), null, null, List.of(8080), Map.of(), List.of(),
                        List.of(new Detection.Module("Order_Service", "svc/order"),
                                new Detection.Module("billing", "svc/billing", "make billing", "./billing",
                                        List.of(9090)))));
            }
            return tree.exists("marker.txt") ? Optional.of(new Detection("marker", Map.of(), null, "./start",
                    List.of(8080), Map.of(), List.of(), List.of())) : Optional.empty();
        }
    }
}
