package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.ForbiddenException;
import io.kato.api.NotFoundException;
import io.kato.api.PageRequest;
import io.kato.api.UnauthenticatedException;
import io.kato.api.ValidationException;
import io.kato.api.model.ApiToken;
import io.kato.api.model.User;
import io.kato.api.service.AccessService.IssuedToken;
import io.kato.api.service.AccessService.UserDraft;
import io.kato.store.Store;
import io.kato.store.Tx;
import io.kato.store.UserRows;
import io.kato.store.internal.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessServiceTest {
    private static final String ENV_TOKEN = "env-bootstrap-token-0123456789";

    @TempDir
    Path dir;
    private Store store;
    private MutableClock clock;
    private AccessServiceImpl access;
    private Path tokenFile;

    @BeforeEach
    void setUp() {
        store = TestStores.newDerbyStore();
        clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
        access = new AccessServiceImpl(store, clock);
        tokenFile = dir.resolve("kato").resolve("bootstrap-token");
    }

    private Actor bootstrappedAdmin() {
        new Bootstrap(store, ENV_TOKEN, tokenFile);
        return access.authenticate(ENV_TOKEN);
    }

    private long users() {
        return store.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM users"));
    }

    /** A non-admin user and the actor its fresh token authenticates to. */
    private Actor user(Actor admin, String name) {
        access.createUser(admin, new UserDraft(name, null, null));
        return access.authenticate(access.issueToken(admin, name, "login", null).token());
    }

    @Test
    void bootstrapWithAnEnvTokenCreatesAdminAuthenticatedByThatToken() {
        Actor admin = bootstrappedAdmin();
        assertEquals("admin", admin.name());
        assertTrue(admin.admin());
        assertNotNull(admin.userId());
        assertNotNull(admin.requestId(), "each authentication gets a request id");
        assertFalse(Files.exists(tokenFile), "a token from the environment is not written anywhere");
        User user = access.getUser(admin, "admin");
        assertTrue(user.admin());
        assertEquals(admin.userId(), user.id());
    }

    @Test
    void bootstrapWithoutAnEnvTokenWritesAnOwnerOnlyTokenFileThatAuthenticates() throws Exception {
        new Bootstrap(store, null, tokenFile);
        assertTrue(Files.exists(tokenFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        assertTrue(token.startsWith(TokenHash.PREFIX), token);
        Actor admin = access.authenticate(token);
        assertEquals("admin", admin.name());
        assertTrue(admin.admin());
    }

    @Test
    void aTooShortEnvTokenIsIgnoredAndATokenIsGenerated() throws Exception {
        new Bootstrap(store, "short-token", tokenFile);
        assertThrows(UnauthenticatedException.class, () -> access.authenticate("short-token"));
        assertTrue(access.authenticate(Files.readString(tokenFile).strip()).admin());
    }

    @Test
    void aSecondBootstrapDoesNothing() throws Exception {
        Actor admin = bootstrappedAdmin();
        new Bootstrap(store, "another-env-token-0123456789", tokenFile);
        new Bootstrap(store, null, tokenFile);
        assertEquals(1, users());
        assertFalse(Files.exists(tokenFile), "no token file once users exist");
        assertThrows(UnauthenticatedException.class, () -> access.authenticate("another-env-token-0123456789"));
        assertEquals(admin.userId(), access.authenticate(ENV_TOKEN).userId());
        assertEquals(1, access.tokens(admin, "admin").size());
    }

    @Test
    void anUnknownOrMalformedTokenIsUnauthenticated() {
        bootstrappedAdmin();
        assertThrows(UnauthenticatedException.class, () -> access.authenticate(ENV_TOKEN + "x"));
        assertThrows(UnauthenticatedException.class, () -> access.authenticate(TokenHash.newToken()));
        assertThrows(UnauthenticatedException.class, () -> access.authenticate(null));
        assertThrows(UnauthenticatedException.class, () -> access.authenticate(""));
    }

    @Test
    void anIssuedTokenAuthenticatesUntilRevoked() {
        Actor admin = bootstrappedAdmin();
        access.createUser(admin, new UserDraft("alice", "Alice A.", false));
        IssuedToken issued = access.issueToken(admin, "alice", "ci", null);
        assertNull(issued.metadata().expiresAt());
        assertEquals("ci", issued.metadata().name());

        Actor alice = access.authenticate(issued.token());
        assertEquals("alice", alice.name());
        assertFalse(alice.admin());
        assertEquals(List.of(issued.metadata()), access.tokens(alice, "alice"));

        // Only the hash is stored.
        List<String> stored = store.inTransaction(tx -> tx.query("SELECT token_hash FROM api_tokens",
                rs -> rs.getString(1)));
        assertTrue(stored.contains(TokenHash.hash(issued.token())));
        assertFalse(stored.contains(issued.token()));

        access.revokeToken(alice, "alice", issued.metadata().id());
        assertThrows(UnauthenticatedException.class, () -> access.authenticate(issued.token()));
        assertEquals(List.of(), access.tokens(admin, "alice"));
        assertThrows(NotFoundException.class, () -> access.revokeToken(admin, "alice", issued.metadata().id()));
    }

    @Test
    void revokingOneTokenLeavesTheOthersValid() {
        Actor admin = bootstrappedAdmin();
        access.createUser(admin, new UserDraft("alice", null, false));
        IssuedToken first = access.issueToken(admin, "alice", "laptop", null);
        IssuedToken second = access.issueToken(admin, "alice", "ci", null);
        access.revokeToken(admin, "alice", first.metadata().id());
        assertThrows(UnauthenticatedException.class, () -> access.authenticate(first.token()));
        assertEquals("alice", access.authenticate(second.token()).name());
    }

    @Test
    void anExpiredTokenNoLongerAuthenticates() {
        Actor admin = bootstrappedAdmin();
        IssuedToken issued = access.issueToken(admin, "admin", "short-lived", Duration.ofHours(1));
        ApiToken meta = issued.metadata();
        assertEquals(meta.createdAt().plus(Duration.ofHours(1)), meta.expiresAt());

        clock.advance(Duration.ofMinutes(59));
        assertEquals("admin", access.authenticate(issued.token()).name());
        clock.advance(Duration.ofMinutes(2));
        UnauthenticatedException e = assertThrows(UnauthenticatedException.class,
                () -> access.authenticate(issued.token()));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertTrue(access.authenticate(ENV_TOKEN).admin(), "a token without ttl never expires");
    }

    @Test
    void aTtlMustBePositive() {
        Actor admin = bootstrappedAdmin();
        ValidationException zero = assertThrows(ValidationException.class,
                () -> access.issueToken(admin, "admin", "t", Duration.ZERO));
        assertEquals("ttl", zero.errors().get(0).field());
        assertThrows(ValidationException.class, () -> access.issueToken(admin, "admin", "t", Duration.ofSeconds(-1)));
        assertEquals(1, access.tokens(admin, "admin").size());
    }

    @Test
    void aNonAdminCannotCreateUsersNorSeeOtherUsers() {
        Actor admin = bootstrappedAdmin();
        Actor alice = user(admin, "alice");
        user(admin, "bob");

        assertThrows(ForbiddenException.class, () -> access.createUser(alice, new UserDraft("eve", null, true)));
        assertEquals(3, users());
        assertThrows(ForbiddenException.class, () -> access.listUsers(alice, PageRequest.first()));
        assertThrows(ForbiddenException.class, () -> access.deleteUser(alice, "bob"));

        NotFoundException other = assertThrows(NotFoundException.class, () -> access.getUser(alice, "bob"));
        NotFoundException missing = assertThrows(NotFoundException.class, () -> access.getUser(alice, "ghost"));
        assertEquals(missing.getMessage().replace("ghost", "X"), other.getMessage().replace("bob", "X"),
                "another user looks exactly like a missing one");
        assertThrows(NotFoundException.class, () -> access.getUser(alice, "admin"));
        assertThrows(NotFoundException.class, () -> access.tokens(alice, "bob"));
        assertThrows(NotFoundException.class, () -> access.issueToken(alice, "bob", "stolen", null));
        assertEquals(1, access.tokens(admin, "bob").size());

        assertEquals("alice", access.getUser(alice, "alice").name());
        assertEquals("alice", access.authenticate(access.issueToken(alice, "alice", "own", null).token()).name(),
                "a user manages its own tokens");
    }

    @Test
    void anAdminCreatesListsAndDeletesUsers() {
        Actor admin = bootstrappedAdmin();
        User bob = access.createUser(admin, new UserDraft("bob", null, null));
        assertEquals("bob", bob.displayName(), "display name defaults to the name");
        assertFalse(bob.admin());
        assertEquals(List.of("admin", "bob"),
                access.listUsers(admin, PageRequest.first()).items().stream().map(User::name).toList());
        assertThrows(ValidationException.class, () -> access.createUser(admin, new UserDraft("Bob!", null, null)));
        assertThrows(ConflictException.class, () -> access.createUser(admin, new UserDraft("bob", null, null)));

        String token = access.issueToken(admin, "bob", "t", null).token();
        access.deleteUser(admin, "bob");
        assertThrows(NotFoundException.class, () -> access.getUser(admin, "bob"));
        assertThrows(UnauthenticatedException.class, () -> access.authenticate(token), "its tokens go with it");
        assertThrows(NotFoundException.class, () -> access.deleteUser(admin, "bob"));
    }

    @Test
    void theLastAdminCannotBeDeleted() {
        Actor admin = bootstrappedAdmin();
        ConflictException e = assertThrows(ConflictException.class, () -> access.deleteUser(admin, "admin"));
        assertTrue(e.getMessage().contains("last"), e.getMessage());
        assertTrue(access.authenticate(ENV_TOKEN).admin(), "the admin and its token are still there");

        access.createUser(admin, new UserDraft("root", null, true));
        Actor root = access.authenticate(access.issueToken(admin, "root", "t", null).token());
        access.deleteUser(root, "admin");
        assertThrows(UnauthenticatedException.class, () -> access.authenticate(ENV_TOKEN));
        assertThrows(ConflictException.class, () -> access.deleteUser(root, "root"));
        assertEquals(1, users());
    }

    @Test
    void twoAdminsDeletingEachOtherAtOnceStillLeaveOneAdmin() throws Exception {
        Actor admin = bootstrappedAdmin();
        access.createUser(admin, new UserDraft("root", null, true));
        AccessServiceImpl other = new AccessServiceImpl(store, clock);
        ExecutorService second = Executors.newSingleThreadExecutor();
        AtomicReference<Throwable> secondOutcome = new AtomicReference<>();
        AtomicReference<java.util.concurrent.Future<?>> pending = new AtomicReference<>();
        try {
            // While the first deletion has counted the admins but not yet deleted, a second one runs to the end.
            Store interleaving = new Store() {
                @Override
                public <T> T inTransaction(Work<T> work) {
                    return store.inTransaction(tx -> work.run(new Tx() {
                        private boolean fired;

                        @Override
                        public int update(String sql, Object... args) {
                            return tx.update(sql, args);
                        }

                        @Override
                        public <R> List<R> query(String sql, RowMapper<R> mapper, Object... args) {
                            List<R> rows = tx.query(sql, mapper, args);
                            if (!fired && sql.contains("admin = ?")) {
                                fired = true;
                                // The second deletion starts while this one is between its check and
                                // its delete; it must wait for this transaction instead of racing it.
                                pending.set(second.submit(() -> {
                                    try {
                                        other.deleteUser(admin, "admin");
                                    } catch (RuntimeException e) {
                                        secondOutcome.set(e);
                                    }
                                }));
                                try {
                                    Thread.sleep(300);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            return rows;
                        }
                    }));
                }

                @Override
                public String product() {
                    return store.product();
                }
            };
            Throwable firstOutcome = null;
            try {
                new AccessServiceImpl(interleaving, clock).deleteUser(admin, "root");
            } catch (ConflictException e) {
                firstOutcome = e;
            }
            pending.get().get(60, TimeUnit.SECONDS);
            long admins = store.inTransaction(tx -> new UserRows(tx).countAdmins());
            assertEquals(1, admins, "one deletion must be refused (first: " + firstOutcome + ", second: "
                    + secondOutcome.get() + ")");
        } finally {
            second.shutdownNow();
        }
    }

    @Test
    void aShellOperatorIsAPlatformAdmin() {
        Actor op = access.operator("karaf");
        assertEquals("shell:karaf", op.name());
        assertTrue(op.admin());
        assertNull(op.userId());
    }
}
