package io.kato.gateway.internal;

import io.kato.api.gateway.RouteTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.proxy.ProxyServlet;

/**
 * The proxy: picks the next ready instance of the component the request's host names
 * (round robin per component) and streams the exchange through Jetty's asynchronous
 * proxy, which also adds the {@code X-Forwarded-*} and {@code Via} headers. A host no
 * component answers to gets 404, a component with no ready instance 503, a client the
 * component's entry rules refuse 403 or 429, all as problem details. Requests to a
 * component its route says to measure are timed from here to the end of the answer.
 */
final class GatewayServlet extends ProxyServlet {
    private static final long serialVersionUID = 1L;
    private static final String PROBLEM = GatewayServlet.class.getName() + ".problem";
    private static final String MEASURED = GatewayServlet.class.getName() + ".measured";
    private final transient RouteTable routes;
    private final transient Picker picker;
    private final transient Guard guard;
    private final transient Meter meter;

    GatewayServlet(RouteTable routes, Picker picker, Guard guard, Meter meter) {
        this.routes = routes;
        this.picker = picker;
        this.guard = guard;
        this.meter = meter;
    }

    /** A request being measured: whose, and when the gateway began on it. */
    private record Measured(String team, String component, long start) {
    }

    @Override
    protected String rewriteTarget(HttpServletRequest request) {
        long start = meter.now();
        String host = request.getHeader("Host");
        Optional<RouteTable.Route> route = routes.route(host, request.getRequestURI(), request::getHeader);
        if (route.isEmpty()) {
            request.setAttribute(PROBLEM, new Problem(404, "No such domain", "No component answers to '"
                    + (host == null ? "" : host) + "' on this gateway: check the component's urls"));
            return null;
        }
        RouteTable.Route r = route.get();
        if (r.policy().measure()) {
            request.setAttribute(MEASURED, new Measured(r.team(), r.component(), start));
        }
        Problem refused = guard.check(r, request.getRemoteAddr());
        if (refused != null) {
            request.setAttribute(PROBLEM, refused);
            return null;
        }
        List<String> upstreams = r.upstreams();
        if (upstreams.isEmpty()) {
            request.setAttribute(PROBLEM, new Problem(503, "No ready instance", r.running()
                    ? "Component '" + r.component() + "' of team '" + r.team() + "' has no ready instance now: see"
                    + " its state and instances" : "Component '" + r.component() + "' of team '" + r.team()
                    + "' is not running: start it"));
            return null;
        }
        String upstream = picker.next(r);
        String query = request.getQueryString();
        return "http://" + upstream + request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    @Override
    protected void onProxyRewriteFailed(HttpServletRequest request, HttpServletResponse response) {
        Problem p = (Problem) request.getAttribute(PROBLEM);
        if (p == null) {
            p = new Problem(502, "Bad gateway", "The request could not be routed");
        }
        try {
            if (p.status() == 429) {
                response.setHeader("Retry-After", "1");
            }
            response.setStatus(p.status());
            response.setContentType("application/problem+json");
            byte[] body = ("{\"type\":\"about:blank\",\"title\":" + json(p.title()) + ",\"status\":" + p.status()
                    + ",\"detail\":" + json(p.detail()) + "}").getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } catch (IOException e) {
            // the client went away
        }
        measured(request, p.status());
    }

    // measured before super's: it completes the exchange, and Jetty then recycles the request with its attributes
    @Override
    protected void onProxyResponseSuccess(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
                                          org.eclipse.jetty.client.api.Response serverResponse) {
        measured(clientRequest, proxyResponse.getStatus());
        super.onProxyResponseSuccess(clientRequest, proxyResponse, serverResponse);
    }

    @Override
    protected void onProxyResponseFailure(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
                                          org.eclipse.jetty.client.api.Response serverResponse, Throwable failure) {
        // the instance failed or timed out: the client gets the proxy's 504 or 502, or a cut answer
        measured(clientRequest, !proxyResponse.isCommitted() && failure instanceof java.util.concurrent.TimeoutException
                ? 504 : 502);
        super.onProxyResponseFailure(clientRequest, proxyResponse, serverResponse, failure);
    }

    private void measured(HttpServletRequest request, int status) {
        if (request.getAttribute(MEASURED) instanceof Measured m) {
            request.removeAttribute(MEASURED); // once, whichever end the exchange came to
            meter.record(m.team(), m.component(), status, meter.now() - m.start());
        }
    }

    /** A JSON string literal; the host comes from the client, so everything is escaped. */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '<' || c == '>') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
