package io.kato.runtime.local.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Serves a static site's folder on one port, read-only: GET and HEAD, {@code index.html}
 * for folders, nothing outside the folder (real paths), no listing. Static versions run as
 * instances of this server, without an outside web server.
 */
final class StaticServer {
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("wasm", "application/wasm"), Map.entry("woff2", "font/woff2"));
    static {
        // The JDK's server writes headers and body separately; with Nagle's algorithm on, the
        // body waits for the client's delayed ACK (~40 ms per keep-alive request: measured
        // 1,100 req/s at 50 connections). The setting is read once, when the server first
        // loads, and only a deliberate setting of the operator's is kept.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Path root;
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(4,
            r -> {
                Thread t = new Thread(r, "kato-static");
                t.setDaemon(true);
                return t;
            });

    StaticServer(Path root, int port) throws IOException {
        this.root = root.toRealPath();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(workers); // one slow client must not hold up the others
        server.start();
    }

    void stop() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Path file;
            try {
                String path = exchange.getRequestURI().getPath(); // decoded, '+' kept as is
                file = root.resolve(path.replaceFirst("^/+", "")).normalize();
            } catch (IllegalArgumentException e) { // a malformed escape, or a NUL in the path
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            if (Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            if (!file.startsWith(root) || !Files.isRegularFile(file) || !file.toRealPath().startsWith(root)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
            exchange.getResponseHeaders().add("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            long size = Files.size(file);
            exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : (size == 0 ? -1 : size));
            if (method.equals("GET") && size > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file.toRealPath(LinkOption.NOFOLLOW_LINKS), out);
                }
            }
        }
    }
}
