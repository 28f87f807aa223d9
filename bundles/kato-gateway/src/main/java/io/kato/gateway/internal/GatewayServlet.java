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
 * component answers to gets 404, a component with no ready instance 503, both as
 * problem details.
 */
final class GatewayServlet extends ProxyServlet {
    private static final long serialVersionUID = 1L;
    private static final String PROBLEM = GatewayServlet.class.getName() + ".problem";
    private final transient RouteTable routes;
    private final transient Picker picker;

    GatewayServlet(RouteTable routes, Picker picker) {
        this.routes = routes;
        this.picker = picker;
    }

    private record Problem(int status, String title, String detail) {
    }

    @Override
    protected String rewriteTarget(HttpServletRequest request) {
        String host = request.getHeader("Host");
        Optional<RouteTable.Route> route = routes.route(host, request.getRequestURI(), request::getHeader);
        if (route.isEmpty()) {
            request.setAttribute(PROBLEM, new Problem(404, "No such domain", "No component answers to '"
                    + (host == null ? "" : host) + "' on this gateway: check the component's urls"));
            return null;
        }
        RouteTable.Route r = route.get();
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
            response.setStatus(p.status());
            response.setContentType("application/problem+json");
            byte[] body = ("{\"type\":\"about:blank\",\"title\":" + json(p.title()) + ",\"status\":" + p.status()
                    + ",\"detail\":" + json(p.detail()) + "}").getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } catch (IOException e) {
            // the client went away
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
