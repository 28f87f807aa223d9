package io.kato.core.internal;

import io.kato.api.model.EnvVar;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The server's secret box: seals secret env var values before they reach the store and
 * opens them only for runtimes. Its key lives in {@code ${karaf.data}/kato/secret.key}.
 */
@Component(service = Secrets.class)
public class Secrets {
    private final SecretCipher cipher;

    @Activate
    public Secrets() {
        this(SecretCipher.fromKeyFile(DataDir.kato().resolve("secret.key")));
    }

    Secrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** The variable as stored: secret values encrypted. */
    EnvVar seal(EnvVar env) {
        return env.secret() ? new EnvVar(env.name(), seal(env.value()), env.scope(), true) : env;
    }

    /** The plain value of a stored variable. */
    String open(EnvVar stored) {
        return stored.secret() ? open(stored.value()) : stored.value();
    }

    /** Any secret text as stored (credentials, keys). */
    String seal(String plain) {
        return cipher.encrypt(plain);
    }

    String open(String sealed) {
        return cipher.decrypt(sealed);
    }
}
