package io.kato.image.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real OCI registry on loopback: Debian's {@code docker-registry} (the CNCF
 * distribution registry), started in a folder of the test's, in one of four set-ups —
 * plain HTTP without authentication, bearer tokens from a token service this class runs
 * (the way Docker Hub, GHCR or Harbor work), HTTP basic with an htpasswd file, or HTTPS
 * with a self-signed certificate. Images get there with {@code skopeo copy} from an
 * {@link OciLayout}. Needs the {@code docker-registry}, {@code skopeo} and, for basic,
 * {@code htpasswd} commands.
 */
public final class RegistryServer implements AutoCloseable {
    public static final String USER = "kato";
    public static final String PASSWORD = "s3cret-pass";
    public static final String SERVICE = "kato-test-registry";

    /** How the registry is reached. */
    public enum Mode {
        OPEN, TOKEN, BASIC, TLS
    }

    private final Mode mode;
    private final Path dir;
    private final Process process;
    private final HttpServer tokens;
    private final int port;

    private RegistryServer(Mode mode, Path dir, Process process, HttpServer tokens, int port) {
        this.mode = mode;
        this.dir = dir;
        this.process = process;
        this.tokens = tokens;
        this.port = port;
    }

    /** Starts a registry in {@code dir} and waits until it answers. */
    public static RegistryServer start(Path dir, Mode mode) throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        StringBuilder config = new StringBuilder("version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("data") + "\n  delete:\n    enabled: true\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: kato-test-secret\n");
        HttpServer tokens = null;
        if (mode == Mode.TLS || mode == Mode.TOKEN) {
            Keys keys = Keys.generate(dir.resolve("keys"));
            if (mode == Mode.TLS) {
                config.append("  tls:\n    certificate: ").append(keys.certificatePem()).append("\n    key: ")
                        .append(keys.keyPem()).append('\n');
            } else {
                tokens = TokenService.start(keys);
                config.append("auth:\n  token:\n    realm: http://127.0.0.1:").append(tokens.getAddress().getPort())
                        .append("/token\n    service: ").append(SERVICE).append("\n    issuer: kato-test-issuer\n")
                        .append("    rootcertbundle: ").append(keys.certificatePem()).append('\n');
            }
        } else if (mode == Mode.BASIC) {
            Path htpasswd = dir.resolve("htpasswd");
            run(List.of("htpasswd", "-Bbc", htpasswd.toString(), USER, PASSWORD), dir);
            config.append("auth:\n  htpasswd:\n    realm: kato-test\n    path: ").append(htpasswd).append('\n');
        }
        Path file = dir.resolve("config.yml");
        Files.writeString(file, config);
        Process p = new ProcessBuilder("docker-registry", "serve", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        RegistryServer server = new RegistryServer(mode, dir, p, tokens, port);
        server.awaitUp();
        return server;
    }

    /** host:port, as an image reference's registry part. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Pushes the layout's tag as {@code repository:tag}, every platform of an index included. */
    public void push(OciLayout layout, String tag, String repository) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--all", "--quiet",
                "--dest-tls-verify=false"));
        if (mode == Mode.TOKEN || mode == Mode.BASIC) {
            cmd.add("--dest-creds=" + USER + ":" + PASSWORD);
        }
        cmd.add("oci:" + layout.dir() + ":" + tag);
        cmd.add("docker://" + address() + "/" + repository + ":" + tag);
        run(cmd, dir);
    }

    private void awaitUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("docker-registry did not listen within 20 s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        if (tokens != null) {
            tokens.stop(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void run(List<String> cmd, Path dir) throws Exception {
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        b.environment().put("HOME", dir.toString());
        Process p = b.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd.get(0) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    /** An RSA key and a self-signed certificate for 127.0.0.1, as PEM files and in memory. */
    record Keys(Path certificatePem, Path keyPem, PrivateKey key, X509Certificate certificate) {
        static Keys generate(Path dir) throws Exception {
            Files.createDirectories(dir);
            Path store = dir.resolve("keys.p12");
            char[] pass = "changeit".toCharArray();
            run(List.of("keytool", "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass",
                    "changeit", "-alias", "k", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                    "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost"), dir);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, pass);
            }
            PrivateKey key = (PrivateKey) ks.getKey("k", pass);
            X509Certificate cert = (X509Certificate) ks.getCertificate("k");
            Path certPem = dir.resolve("cert.pem");
            Path keyPem = dir.resolve("key.pem");
            Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
            return new Keys(certPem, keyPem, key, cert);
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END " + type + "-----\n";
        }
    }

    /**
     * The registry's token service: grants what is asked to {@link #USER} with
     * {@link #PASSWORD}, nothing to anyone else (a private registry).
     */
    static final class TokenService {
        static HttpServer start(Keys keys) throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/token", exchange -> {
                String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
                byte[] body;
                int status;
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    status = 401;
                    body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8);
                } else {
                    status = 200;
                    String token = token(keys, exchange.getRequestURI());
                    body = ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        }

        private static String token(Keys keys, URI uri) {
            List<String> access = new ArrayList<>();
            String service = SERVICE;
            for (String param : String.valueOf(uri.getRawQuery()).split("&")) {
                int eq = param.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = param.substring(0, eq);
                String value = URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.equals("service")) {
                    service = value;
                } else if (name.equals("scope")) {
                    String[] parts = value.split(":"); // repository:name:pull,push
                    if (parts.length == 3) {
                        access.add("{\"type\":\"" + parts[0] + "\",\"name\":\"" + parts[1] + "\",\"actions\":[\""
                                + String.join("\",\"", parts[2].split(",")) + "\"]}");
                    }
                }
            }
            try {
                long now = System.currentTimeMillis() / 1000;
                String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\""
                        + Base64.getEncoder().encodeToString(keys.certificate().getEncoded()) + "\"]}";
                String claims = "{\"iss\":\"kato-test-issuer\",\"sub\":\"" + USER + "\",\"aud\":\"" + service
                        + "\",\"exp\":" + (now + Duration.ofMinutes(5).toSeconds()) + ",\"nbf\":" + (now - 10)
                        + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID() + "\",\"access\":["
                        + String.join(",", access) + "]}";
                Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
                String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(keys.key());
                rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return signingInput + "." + b64.encodeToString(rsa.sign());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
