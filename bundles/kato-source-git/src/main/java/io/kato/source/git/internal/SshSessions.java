package io.kato.source.git.internal;

import io.kato.api.source.Credentials;
import io.kato.api.source.FetchListener;
import io.kato.api.source.HostKey;
import io.kato.api.source.HostKeys;
import io.kato.api.source.SourceFetchException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * One SSH session factory per fetch, isolated from the server's own user: no
 * {@code ~/.ssh/config}, no default identities, no agent, no {@code known_hosts} files.
 * The only identity is the team's deploy key; servers are verified against the team's
 * trusted host keys (trust on first use, see {@link HostKeys}).
 */
final class SshSessions implements AutoCloseable {
    private final SshdSessionFactory factory;
    private final Path home;
    private final TeamKeyDatabase hosts;

    SshSessions(Credentials credentials, String host, FetchListener listener) throws IOException {
        // The key first: a key that cannot be read must not leave a temporary folder behind.
        List<KeyPair> identities = credentials.type() == Credentials.Type.SSH_KEY
                ? List.of(keyPair(credentials.privateKey())) : List.of();
        this.hosts = new TeamKeyDatabase(credentials.hostKeys(), host, listener);
        this.home = Files.createTempDirectory("kato-ssh-");
        this.factory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.resolve(".ssh").toFile())
                .setConfigStoreFactory((homeDir, configFile, localUser) -> null)
                .setDefaultKnownHostsFiles(dir -> List.of())
                .setDefaultIdentities(dir -> List.of())
                .setDefaultKeysProvider(dir -> identities)
                .setConnectorFactory(null)
                .setPreferredAuthentications(credentials.type() == Credentials.Type.PASSWORD
                        ? "password,keyboard-interactive" : "publickey")
                .setServerKeyDatabase((homeDir, sshDir) -> hosts)
                .build(null);
    }

    SshdSessionFactory factory() {
        return factory;
    }

    /** Why the server's key was refused, if it was; the fetch's error then says this instead. */
    String refusal() {
        return hosts.refusal;
    }

    @Override
    public void close() {
        factory.close();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // an empty temporary folder left behind is harmless
        }
    }

    /** The RSA key pair of a PKCS#8 PEM private key (Kato's deploy keys); the public half is derived. */
    static KeyPair keyPair(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        String body = text.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
            PublicKey pub = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new KeyPair(pub, key);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            // never the key material itself in the message
            throw new SourceFetchException("The team's SSH key cannot be read: create the ssh credential again");
        }
    }

    /** Checks servers against one team's trusted keys for the one host this fetch contacts. */
    private static final class TeamKeyDatabase implements ServerKeyDatabase {
        private final HostKeys keys;
        private final String host;
        private final FetchListener listener;
        private volatile String refusal;

        TeamKeyDatabase(HostKeys keys, String host, FetchListener listener) {
            this.keys = keys;
            this.host = host;
            this.listener = listener;
        }

        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
            // Lets the client ask for the algorithm of the key it already trusts.
            PublicKey known = keys.trusted(host).map(TeamKeyDatabase::publicKey).orElse(null);
            return known == null ? List.of() : List.of(known);
        }

        @Override
        public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                              Configuration config, CredentialsProvider provider) {
            HostKey shown = HostKey.parse("server key", PublicKeyEntry.toString(serverKey));
            var trusted = keys.trusted(host);
            if (trusted.isPresent()) {
                if (trusted.get().equals(shown)) {
                    return true;
                }
                return refuse("The SSH host key of " + host + " changed: the team trusts " + trusted.get().fingerprint()
                        + " but the server showed " + shown.fingerprint() + ". If the server's key was replaced,"
                        + " remove the old one (kato:known-hosts --delete " + host + ", or DELETE"
                        + " .../known-hosts/" + host + ");"
                        + " otherwise someone may be intercepting the connection");
            }
            if (keys.trustFirstSeen(host, shown)) {
                listener.progress("Trusted the SSH host key of " + host + " on first use: " + shown.type() + " "
                        + shown.fingerprint());
                return true;
            }
            return refuse("The SSH host key of " + host + " (" + shown.fingerprint() + ") is not the one another"
                    + " fetch recorded at the same time: list the team's known hosts and check");
        }

        private boolean refuse(String why) {
            refusal = why;
            return false;
        }

        private static PublicKey publicKey(HostKey key) {
            try {
                AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(key.toString());
                return entry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                return null;
            }
        }
    }
}
