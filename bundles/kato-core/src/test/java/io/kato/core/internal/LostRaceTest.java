package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.model.Component;
import io.kato.api.service.AppService.AppDraft;
import io.kato.api.service.ComponentService.ComponentChanges;
import io.kato.api.service.ComponentService.ComponentDraft;
import io.kato.api.service.TeamService.TeamDraft;
import io.kato.store.Store;
import io.kato.store.Tx;
import io.kato.store.internal.TestStores;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two writers read the same version; the one that writes second must get a conflict
 * (HTTP 409), not overwrite the first one's change.
 */
class LostRaceTest {
    private final Actor admin = new Actor("root", null, true, Map.of(), null);

    @Test
    void aWriteThatLosesTheRaceIsAConflictAndTheWinnerStays() {
        Store store = TestStores.newDerbyStore();
        Secrets secrets = new Secrets(new SecretCipher(SecretCipherTest.randomKey()));
        ComponentServiceImpl winner = new ComponentServiceImpl(store, secrets, new Runtimes("local"), Clock.systemUTC());
        new TeamServiceImpl(store, Clock.systemUTC()).create(admin, new TeamDraft("race", null, null));
        new AppServiceImpl(store, Clock.systemUTC()).create(admin, "race", new AppDraft("web", null, null));
        winner.create(admin, "race", new ComponentDraft("api", "web", null, null, 1, null, null, List.of(), List.of(), null, null));

        // The loser's transaction runs the winner's whole write between its read and its compare-and-set.
        Store interleaved = new Store() {
            @Override
            public <T> T inTransaction(Work<T> work) {
                return store.inTransaction(tx -> work.run(new Tx() {
                    private boolean raced;

                    @Override
                    public int update(String sql, Object... args) {
                        if (!raced && sql.startsWith("UPDATE components")) {
                            raced = true;
                            winner.update(admin, "race", "api", new ComponentChanges(null, 5, null, null), null);
                        }
                        return tx.update(sql, args);
                    }

                    @Override
                    public <R> List<R> query(String sql, RowMapper<R> mapper, Object... args) {
                        return tx.query(sql, mapper, args);
                    }
                }));
            }

            @Override
            public String product() {
                return store.product();
            }
        };
        ComponentServiceImpl loser = new ComponentServiceImpl(interleaved, secrets, new Runtimes("local"),
                Clock.systemUTC());

        ConflictException e = assertThrows(ConflictException.class,
                () -> loser.update(admin, "race", "api", new ComponentChanges(null, 2, null, null), null));
        assertEquals("Component 'api' was changed by someone else at the same time: read it again and retry",
                e.getMessage());
        Component after = winner.get(admin, "race", "api");
        assertEquals(5, after.instances());
        assertEquals(2, after.version());
    }
}
