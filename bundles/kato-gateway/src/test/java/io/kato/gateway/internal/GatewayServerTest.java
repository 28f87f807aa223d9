package io.kato.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.kato.api.gateway.ComponentPerformance;
import io.kato.api.gateway.GatewayPolicy;
import io.kato.api.gateway.RouteTable;
import io.kato.api.model.Component;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayServerTest {
    private final List<HttpServer> backends = new ArrayList<>();
    private final Map<String, RouteTable.Route> routes = new HashMap<>();
    private final List<RouteTable.ServedCertificate> certificates = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        backends.forEach(b -> b.stop(0));
    }

    /** A backend answering its name, the path and query it got, and the forwarded host. */
    private String backend(String name) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", x -> {
            byte[] body = (name + " " + x.getRequestURI() + " " + x.getRequestHeaders().getFirst("X-Forwarded-Proto")
                    + " " + x.getRequestHeaders().getFirst("X-Forwarded-Host"))
                    .getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        s.start();
        backends.add(s);
        return "127.0.0.1:" + s.getAddress().getPort();
    }

    private GatewayServer gateway() throws Exception {
        RouteTable table = new RouteTable() {
            @Override
            public Optional<Route> route(String host, String path, java.util.function.Function<String, String> header) {
                return Optional.ofNullable(routes.get(host.replaceFirst(":\\d+$", "")));
            }

            @Override
            public List<String> urls(String team, Component component) {
                return List.of();
            }

            @Override
            public List<ServedCertificate> certificates() {
                return List.copyOf(certificates);
            }

            @Override
            public long certificatesVersion() {
                return certificates.hashCode();
            }
        };
        return new GatewayServer(table, new GatewayConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return GatewayConfig.class;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int httpPort() {
                return 0;
            }

            @Override
            public int httpsPort() {
                return 0;
            }

            @Override
            public String baseDomain() {
                return "localhost";
            }

            @Override
            public int publicPort() {
                return 0;
            }

            @Override
            public String publicScheme() {
                return "http";
            }

            @Override
            public int timeoutSeconds() {
                return 10;
            }

            @Override
            public int maxConnectionsPerInstance() {
                return 16;
            }
        });
    }

    private HttpResponse<String> get(GatewayServer g, String host, String path) throws Exception {
        // the JDK client will not set Host itself: the gateway is reached on 127.0.0.1 with the domain as Host
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + path))
                .header("X-Test-Host", host).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsGoRoundRobinToReadyInstancesAndUnknownHostsGetProblems() throws Exception {
        String a = backend("a");
        String b = backend("b");
        routes.put("127.0.0.1", new RouteTable.Route("shop", "web", true, List.of(a, b)));
        GatewayServer g = gateway();
        try {
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = get(g, "web-shop.localhost", "/p/q%20r?x=1&y=2");
                assertEquals(200, r.statusCode(), r.body());
                bodies.add(r.body().substring(0, 1));
                assertTrue(r.body().contains("/p/q%20r?x=1&y=2"), "path and query pass unchanged: " + r.body());
                assertTrue(r.body().endsWith("127.0.0.1:" + g.port()), "X-Forwarded-Host: " + r.body());
            }
            assertEquals(List.of("a", "b", "a", "b"), bodies);

            routes.put("127.0.0.1", new RouteTable.Route("shop", "web", false, List.of()));
            HttpResponse<String> stopped = get(g, "x", "/");
            assertEquals(503, stopped.statusCode());
            assertEquals("application/problem+json", stopped.headers().firstValue("Content-Type").orElse(""));
            assertTrue(stopped.body().contains("is not running: start it"), stopped.body());

            routes.clear();
            HttpResponse<String> unknown = get(g, "x", "/");
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("No component answers to '127.0.0.1:"), unknown.body());
        } finally {
            g.deactivate();
        }
    }

    @Test
    void aDeadInstanceAnswers502AndTheNextRequestGoesOn() throws Exception {
        String a = backend("a");
        routes.put("127.0.0.1", new RouteTable.Route("shop", "web", true, List.of("127.0.0.1:1", a)));
        GatewayServer g = gateway();
        try {
            assertEquals(502, get(g, "x", "/").statusCode());
            assertEquals(200, get(g, "x", "/").statusCode());
        } finally {
            g.deactivate();
        }
    }

    @Test
    void httpsOpensWithTheFirstCertificateAndPicksOneByServerName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String a = backend("a");
        routes.put("secure.example.org", new RouteTable.Route("shop", "web", true, List.of(a)));
        routes.put("other.example.org", new RouteTable.Route("shop", "web", true, List.of(a)));
        GatewayServer g = gateway();
        try {
            Thread.sleep(2500);
            assertEquals(-1, g.httpsPort(), "closed without certificates");
            List<RouteTable.ServedCertificate> made = new java.util.ArrayList<>();
            for (String name : List.of("secure.example.org", "other.example.org")) {
                io.kato.gateway.testing.SelfSignedCertificate c = io.kato.gateway.testing.SelfSignedCertificate
                        .forName(name, dir);
                made.add(new RouteTable.ServedCertificate(name, c.certificatePem(), c.privateKeyPem()));
            }
            certificates.addAll(made); // both in one change, as one poll sees them
            for (int i = 0; i < 50 && g.httpsPort() < 0; i++) {
                Thread.sleep(100);
            }
            assertTrue(g.httpsPort() > 0, "opened");
            for (String name : List.of("secure.example.org", "other.example.org")) {
                String[] answer = https(g.httpsPort(), name);
                assertEquals("CN=" + name, answer[0], "the certificate chosen by SNI");
                assertTrue(answer[1].startsWith("HTTP/1.1 200") && answer[1].contains("a / https " + name),
                        answer[1]);
            }
            // one more while open: the key store is reloaded, the port stays
            int port = g.httpsPort();
            routes.put("third.example.org", new RouteTable.Route("shop", "web", true, List.of(a)));
            io.kato.gateway.testing.SelfSignedCertificate third = io.kato.gateway.testing.SelfSignedCertificate
                    .forName("third.example.org", dir);
            certificates.add(new RouteTable.ServedCertificate("third.example.org", third.certificatePem(),
                    third.privateKeyPem()));
            String presented = "";
            for (int i = 0; i < 50 && !presented.equals("CN=third.example.org"); i++) {
                Thread.sleep(100);
                presented = https(port, "third.example.org")[0];
            }
            assertEquals("CN=third.example.org", presented);
            assertEquals(port, g.httpsPort());

            certificates.clear();
            for (int i = 0; i < 50 && g.httpsPort() > 0; i++) {
                Thread.sleep(100);
            }
            assertEquals(-1, g.httpsPort(), "closed with the last certificate gone");
        } finally {
            g.deactivate();
        }
    }

    private static String[] https(int port, String name) throws Exception {
        io.kato.gateway.testing.TlsClient.Answer a = io.kato.gateway.testing.TlsClient.get(port, name);
        return new String[] {a.subject(), a.response()};
    }

    /** An instance that accepts any upgrade, says "ready" at once, then echoes what it gets. */
    private String upgradingBackend() throws Exception {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (server; java.net.Socket s = server.accept()) {
                java.io.InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    head.append((char) in.read());
                }
                String forwarded = head.toString().contains("X-Forwarded-Proto: http") ? "fwd" : "nofwd";
                s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade"
                        + "\r\n\r\nready " + forwarded + "\n").getBytes(StandardCharsets.US_ASCII));
                in.transferTo(s.getOutputStream());
            } catch (java.io.IOException e) {
                // the test ended the tunnel
            }
        });
        t.setDaemon(true);
        t.start();
        return "127.0.0.1:" + server.getLocalPort();
    }

    @Test
    void anUpgradeBecomesATunnelBothWays() throws Exception {
        routes.put("127.0.0.1", new RouteTable.Route("shop", "ws", true, List.of(upgradingBackend())));
        GatewayServer g = gateway();
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), g.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: echo\r\n"
                    + "Connection: Upgrade\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("HTTP/1.1 101"));
            for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                // the instance's upgrade headers
            }
            assertEquals("ready fwd", in.readLine(), "what the instance sent right after its 101");
            s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hello", in.readLine());
            s.getOutputStream().write("again\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("again", in.readLine());
        } finally {
            g.deactivate();
        }
        routes.put("127.0.0.1", new RouteTable.Route("shop", "ws", true, List.of()));
        GatewayServer h = gateway();
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), h.port())) {
            s.getOutputStream().write(("GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: echo\r\n"
                    + "Connection: Upgrade\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 503", answer, "no ready instance: the problem, not a tunnel");
        } finally {
            h.deactivate();
        }
    }

    @Test
    void problemTextIsEscaped() {
        assertEquals("\"a\\\"b\\\\c\\u003cx\\u003e\\u000a\"", GatewayServlet.json("a\"b\\c<x>\n"));
    }

    /** A backend answering 500 on /fail and, after a pause, 200 elsewhere. */
    private String failingBackend() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", x -> {
            boolean fail = x.getRequestURI().getPath().equals("/fail");
            try {
                Thread.sleep(fail ? 0 : 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(fail ? 500 : 200, -1);
            x.close();
        });
        s.start();
        backends.add(s);
        return "127.0.0.1:" + s.getAddress().getPort();
    }

    @Test
    void measuredComponentsHaveTheirThroughputErrorsAndResponseTimes() throws Exception {
        String a = failingBackend();
        routes.put("127.0.0.1", new RouteTable.Route("shop", "web", true, List.of(a),
                new GatewayPolicy(true, 0, List.of(), List.of())));
        GatewayServer g = gateway();
        try {
            assertTrue(g.performance("shop", "web").isEmpty(), "nothing before the first request");
            for (int i = 0; i < 8; i++) {
                assertEquals(200, get(g, "x", "/ok").statusCode());
            }
            assertEquals(500, get(g, "x", "/fail").statusCode());
            routes.put("127.0.0.1", new RouteTable.Route("shop", "web", true, List.of(),
                    new GatewayPolicy(true, 0, List.of(), List.of())));
            assertEquals(503, get(g, "x", "/").statusCode(), "the gateway's own 503 is an error of the component");
            routes.put("127.0.0.1", new RouteTable.Route("shop", "quiet", true, List.of(a)));
            assertEquals(200, get(g, "x", "/ok").statusCode());

            ComponentPerformance p = g.performance("shop", "web").orElseThrow();
            assertEquals(10, p.requests());
            assertEquals(2, p.errors());
            assertTrue(p.responseSeconds() >= 8 * 0.02, "eight answers took 20 ms each at least: " + p);
            assertEquals(10, p.lastMinute().requests());
            assertEquals(0.2, p.lastMinute().errorRate(), 1e-9);
            assertEquals(10 / 60.0, p.lastMinute().throughputPerSecond(), 1e-9);
            assertTrue(p.lastMinute().meanResponseMillis() >= 16 && p.lastMinute().maxResponseMillis() >= 20, "" + p);
            assertEquals(ComponentPerformance.BUCKET_SECONDS.size(), p.buckets().size());
            assertTrue(p.buckets().get(0) >= 1, "the 500 and the 503 came back at once: " + p.buckets());
            assertEquals(10, (long) p.buckets().get(p.buckets().size() - 1), "all within ten seconds");
            assertTrue(g.performance("shop", "quiet").isEmpty(), "a component no plugin asks to measure is not");
            assertEquals(List.of(p.component()), g.all().stream().map(ComponentPerformance::component).toList());
        } finally {
            g.deactivate();
        }
    }

    @Test
    void entryRulesRefuseAddressesAndRequestsOverTheRate() throws Exception {
        String a = backend("a");
        GatewayServer g = gateway();
        try {
            routes.put("127.0.0.1", new RouteTable.Route("shop", "web", true, List.of(a),
                    new GatewayPolicy(false, 0, List.of("10.0.0.0/8"), List.of())));
            HttpResponse<String> outside = get(g, "x", "/");
            assertEquals(403, outside.statusCode());
            assertTrue(outside.body().contains("does not admit requests from 127.0.0.1"), outside.body());
            routes.put("127.0.0.1", new RouteTable.Route("shop", "web", true, List.of(a),
                    new GatewayPolicy(false, 0, List.of("127.0.0.0/8"), List.of("127.0.0.1"))));
            assertEquals(403, get(g, "x", "/").statusCode(), "deny wins");
            routes.put("127.0.0.1", new RouteTable.Route("shop", "web", true, List.of(a),
                    new GatewayPolicy(false, 5, List.of("127.0.0.0/8"), List.of())));
            int passed = 0;
            HttpResponse<String> limited = null;
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = get(g, "x", "/");
                if (r.statusCode() == 200) {
                    passed++;
                } else {
                    limited = r;
                }
            }
            // a burst of five, then five a second for however long the twenty took
            assertTrue(passed >= 5 && passed < 20, passed + " of 20 passed");
            assertEquals(429, limited.statusCode());
            assertEquals("1", limited.headers().firstValue("Retry-After").orElse(""));
            assertTrue(limited.body().contains("at most 5 requests a second"), limited.body());
            Thread.sleep(1100);
            assertEquals(200, get(g, "x", "/").statusCode(), "the rate refills");
            routes.put("127.0.0.1", new RouteTable.Route("shop", "web", true, List.of(a)));
            for (int i = 0; i < 20; i++) {
                assertEquals(200, get(g, "x", "/").statusCode(), "no limit once the plugin is gone");
            }
        } finally {
            g.deactivate();
        }
    }

    @Test
    void theLastMinuteForgetsOlderSeconds() {
        long[] now = {TimeUnit.SECONDS.toNanos(1000)};
        Meter m = new Meter(() -> now[0]);
        m.record("shop", "web", 200, TimeUnit.MILLISECONDS.toNanos(10));
        m.record("shop", "web", 502, TimeUnit.MILLISECONDS.toNanos(30));
        now[0] += TimeUnit.SECONDS.toNanos(30);
        m.record("shop", "web", 200, TimeUnit.MILLISECONDS.toNanos(20));
        ComponentPerformance.Window w = m.performance("shop", "web").orElseThrow().lastMinute();
        assertEquals(3, w.requests());
        assertEquals(20.0, w.meanResponseMillis(), 1e-9);
        assertEquals(30.0, w.maxResponseMillis(), 1e-9);
        now[0] += TimeUnit.SECONDS.toNanos(45); // the first two are 75 s old now
        ComponentPerformance p = m.performance("shop", "web").orElseThrow();
        assertEquals(1, p.lastMinute().requests());
        assertEquals(0, p.lastMinute().errorRate());
        assertEquals(3, p.requests(), "totals keep everything");
        assertEquals(1, p.errors());
        now[0] += TimeUnit.SECONDS.toNanos(60);
        assertEquals(0, m.performance("shop", "web").orElseThrow().lastMinute().throughputPerSecond());
    }
}
