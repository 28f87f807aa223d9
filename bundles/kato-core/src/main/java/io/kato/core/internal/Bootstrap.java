package io.kato.core.internal;

import io.kato.api.model.ApiToken;
import io.kato.api.model.User;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.UserRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: when the store has no user yet, creates the platform admin {@code admin}
 * with one token — {@code KATO_BOOTSTRAP_TOKEN} when set, otherwise a generated one written
 * to an owner-only file. The log names the file, never the token.
 */
@Component(service = Bootstrap.class, immediate = true)
public class Bootstrap {
    static final String ENV = "KATO_BOOTSTRAP_TOKEN";
    static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    @Activate
    public Bootstrap(@Reference Store store) {
        this(store, System.getenv(ENV), DataDir.kato().resolve("bootstrap-token"));
    }

    Bootstrap(Store store, String fromEnv, Path tokenFile) {
        boolean created = store.inTransaction(tx -> {
            UserRows users = new UserRows(tx);
            if (users.count() > 0) {
                return false;
            }
            String token = fromEnv;
            if (token != null && token.length() < 20) {
                LOG.error("{} is shorter than 20 characters and was ignored; a token was generated instead", ENV);
                token = null;
            }
            boolean generated = token == null;
            if (generated) {
                token = TokenHash.newToken();
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            User admin = new User(Rows.newId(), ADMIN, "Administrator", true, 1, now);
            users.insert(admin);
            users.insertToken(new ApiToken(Rows.newId(), admin.id(), "bootstrap", now, null), TokenHash.hash(token));
            if (generated) {
                if (!DataDir.writeSecret(tokenFile, (token + "\n").getBytes(StandardCharsets.UTF_8))) {
                    throw new IllegalStateException(tokenFile + " exists from an earlier installation: remove it"
                            + " and restart, so the new admin token can be written");
                }
                LOG.info("Created platform admin '{}'; its API token is in {}", ADMIN, tokenFile.toAbsolutePath());
            } else {
                LOG.info("Created platform admin '{}' with the token from {}", ADMIN, ENV);
            }
            return true;
        });
        if (!created) {
            LOG.debug("Users exist; bootstrap skipped");
        }
    }
}
