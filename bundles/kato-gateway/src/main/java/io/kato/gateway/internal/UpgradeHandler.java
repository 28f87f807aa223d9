package io.kato.gateway.internal;

import io.kato.api.gateway.RouteTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * WebSocket (and any HTTP/1.1 upgrade) through the gateway: the upgrade request goes to a
 * ready instance as it came, with the forwarding headers; when the instance answers 101,
 * so does the gateway, and the connection becomes a {@link Tunnel}. Requests that ask for
 * no upgrade, whose host has no ready instance, or whose upgrade the instance declines, go
 * on to the proxy servlet (which answers them as plain requests, or with the problem).
 */
final class UpgradeHandler extends AbstractHandler {
    private static final int MAX_HEAD = 16 * 1024;
    /** Hop-by-hop headers the gateway writes itself. */
    private static final Set<String> OWN = Set.of("host", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host");
    private final RouteTable routes;
    private final Guard guard;
    private final Picker picker;

    UpgradeHandler(RouteTable routes, Picker picker, Guard guard) {
        this.routes = routes;
        this.guard = guard;
        this.picker = picker;
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String upgrade = request.getHeader("Upgrade");
        String connection = request.getHeader("Connection");
        if (upgrade == null || connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade")
                || upgrade.toLowerCase(Locale.ROOT).startsWith("h2c")) {
            return; // an offer of cleartext HTTP/2 is declined by going on as HTTP/1.1, the proxy's way
        }
        String host = request.getHeader("Host");
        Optional<RouteTable.Route> route = routes.route(host, request.getRequestURI(), request::getHeader);
        if (route.isEmpty() || route.get().upstreams().isEmpty()
                || guard.check(route.get(), request.getRemoteAddr()) != null) {
            return; // the proxy servlet answers with the problem
        }
        String upstream = picker.next(route.get());
        int colon = upstream.lastIndexOf(':');
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(upstream.substring(0, colon),
                    Integer.parseInt(upstream.substring(colon + 1))), 5000);
            socket.getOutputStream().write(head(request).getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.setSoTimeout(30_000); // for the answer to the upgrade; the tunnel waits as long as it lasts
            Answer answer = readAnswer(socket.getInputStream());
            if (answer.status() != 101) {
                socket.close(); // the instance declined: the proxy asks again, plainly, and passes its answer on
                return;
            }
            socket.setSoTimeout(0);
            response.setStatus(101);
            for (String line : answer.headers()) {
                int c = line.indexOf(':');
                if (c > 0) {
                    response.addHeader(line.substring(0, c).trim(), line.substring(c + 1).trim());
                }
            }
            request.setAttribute(HttpConnection.UPGRADE_CONNECTION_ATTRIBUTE, new Tunnel(base.getHttpChannel()
                    .getEndPoint(), base.getHttpChannel().getConnector().getExecutor(), socket, answer.early()));
            base.setHandled(true);
        } catch (IOException | RuntimeException e) {
            socket.close();
            base.setHandled(true);
            response.sendError(502, "The instance could not be reached for the upgrade");
        }
    }

    /** The request as the instance gets it: same line and headers, the forwarding ones the gateway's. */
    private static String head(HttpServletRequest request) {
        StringBuilder b = new StringBuilder(request.getMethod()).append(' ').append(request.getRequestURI());
        if (request.getQueryString() != null) {
            b.append('?').append(request.getQueryString());
        }
        b.append(" HTTP/1.1\r\n");
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!OWN.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    b.append(name).append(": ").append(value).append("\r\n");
                }
            }
        }
        String host = request.getHeader("Host");
        b.append("Host: ").append(host == null ? "" : host).append("\r\n");
        b.append("X-Forwarded-For: ").append(request.getRemoteAddr()).append("\r\n");
        b.append("X-Forwarded-Proto: ").append(request.getScheme()).append("\r\n");
        if (host != null) {
            b.append("X-Forwarded-Host: ").append(host).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    private record Answer(int status, java.util.List<String> headers, byte[] early) {
    }

    /** The instance's status line and headers; bytes after them (early frames) are kept for the tunnel. */
    private static Answer readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (true) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("closed before answering");
            }
            head.write(chunk, 0, n);
            byte[] all = head.toByteArray();
            int end = indexOf(all);
            if (end >= 0) {
                String text = new String(all, 0, end, StandardCharsets.ISO_8859_1);
                String[] lines = text.split("\r\n");
                String[] status = lines[0].split(" ", 3);
                byte[] early = java.util.Arrays.copyOfRange(all, end + 4, all.length);
                return new Answer(Integer.parseInt(status[1]), java.util.List.of(lines).subList(1, lines.length),
                        early);
            }
            if (all.length > MAX_HEAD) {
                throw new IOException("answer head too long");
            }
        }
    }

    private static int indexOf(byte[] bytes) {
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
