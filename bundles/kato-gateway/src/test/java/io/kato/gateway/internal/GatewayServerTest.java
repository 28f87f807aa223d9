package io.kato.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayServerTest {
    private final List<HttpServer> backends = new ArrayList<>();
    private final Map<String, RouteTable.Route> routes = new HashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        backends.forEach(b -> b.stop(0));
    }

    /** A backend answering its name, the path and query it got, and the forwarded host. */
    private String backend(String name) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", x -> {
            byte[] body = (name + " " + x.getRequestURI() + " " + x.getRequestHeaders().getFirst("X-Forwarded-Host"))
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
    void problemTextIsEscaped() {
        assertEquals("\"a\\\"b\\\\c\\u003cx\\u003e\\u000a\"", GatewayServlet.json("a\"b\\c<x>\n"));
    }
}
