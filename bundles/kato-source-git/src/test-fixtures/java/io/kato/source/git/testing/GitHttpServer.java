package io.kato.source.git.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real git smart-HTTP server for tests: the JDK's HTTP server on loopback runs the
 * installed {@code git http-backend} as a CGI program, behind HTTP basic authentication;
 * optionally over https with a self-signed certificate.
 */
public final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Path projectRoot;
    private final String expectedAuth;

    public GitHttpServer(Path projectRoot, String user, String password) throws IOException {
        this(projectRoot, user, password, HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                0));
    }

    private GitHttpServer(Path projectRoot, String user, String password, HttpServer server) {
        this.projectRoot = projectRoot;
        this.expectedAuth = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = server;
        server.createContext("/git/", this::handle);
        server.start();
    }

    /**
     * The same server over https, with a self-signed certificate made by {@code keytool} in
     * {@code keyDir}: no client trusts it unless told to.
     */
    public static GitHttpServer https(Path projectRoot, String user, String password, Path keyDir)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path store = keyDir.resolve("server.p12");
        char[] secret = "changeit".toCharArray();
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "git", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass",
                "changeit").redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, secret);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, secret);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new GitHttpServer(projectRoot, user, password, server);
    }

    public String url(String repository) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/git/" + repository;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
            Map<String, String> env = pb.environment();
            env.put("GIT_PROJECT_ROOT", projectRoot.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("REQUEST_METHOD", exchange.getRequestMethod());
            env.put("PATH_INFO", exchange.getRequestURI().getPath().substring("/git".length()));
            env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? ""
                    : exchange.getRequestURI().getRawQuery());
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            env.put("CONTENT_TYPE", type == null ? "" : type);
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            if (encoding != null) {
                env.put("HTTP_CONTENT_ENCODING", encoding);
            }
            env.put("REMOTE_USER", "test");
            env.put("REMOTE_ADDR", "127.0.0.1");
            Process git = pb.start();
            try (OutputStream in = git.getOutputStream(); InputStream body = exchange.getRequestBody()) {
                body.transferTo(in);
            }
            byte[] out = git.getInputStream().readAllBytes();
            respond(exchange, out);
        }
    }

    /** Splits the CGI output into status, headers and body. */
    private static void respond(HttpExchange exchange, byte[] cgi) throws IOException {
        int split = indexOf(cgi, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int skip = 4;
        if (split < 0) {
            split = indexOf(cgi, "\n\n".getBytes(StandardCharsets.US_ASCII));
            skip = 2;
        }
        String head = new String(cgi, 0, Math.max(split, 0), StandardCharsets.ISO_8859_1);
        int status = 200;
        for (String line : head.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(cgi, split + skip, cgi.length - split - skip);
        exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
        if (body.size() > 0) {
            exchange.getResponseBody().write(body.toByteArray());
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
