package io.kato.registration.dns.internal;

import io.kato.api.thirdparty.RegistrationMethod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Endpoints from DNS, asked again every {@code refreshSeconds}: the A and AAAA records of a
 * name (each address with the component's port), or its SRV records (each target's
 * addresses, asked of the same server, with the record's port). A name that does not exist
 * gives no endpoints; a server that does not answer leaves the last ones as they were.
 */
@Component(service = RegistrationMethod.class)
public class DnsMethod implements RegistrationMethod {
    static final String NAME = "name";
    static final String TYPE = "type";
    static final String SERVER = "server";
    static final String REFRESH = "refreshSeconds";
    private static final Set<String> SETTINGS = Set.of(NAME, TYPE, SERVER, REFRESH);
    private static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)(_?[A-Za-z0-9]([A-Za-z0-9-]{0,61}"
            + "[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");
    private static final Pattern IP = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)|\\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kato-registration-dns");
        t.setDaemon(true);
        return t;
    });

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public String usage() {
        return "name: a DNS name; type: a (A and AAAA records, default) or srv; server: the DNS server's IP[:port]"
                + " (default: the host's first nameserver); refreshSeconds: 1 to 3600 (default 30)";
    }

    @Override
    public List<String> validate(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        config.keySet().stream().filter(k -> !SETTINGS.contains(k)).sorted().forEach(k -> problems.add(
                "unknown setting '" + k + "': the dns method takes " + new java.util.TreeSet<>(SETTINGS)));
        String name = config.get(NAME);
        if (name == null || !DNS_NAME.matcher(name.strip()).matches()) {
            problems.add(NAME + " must be a DNS name, like db.example.org or _mysql._tcp.example.org");
        }
        String type = config.getOrDefault(TYPE, "a").strip().toLowerCase(Locale.ROOT);
        if (!type.equals("a") && !type.equals("srv")) {
            problems.add(TYPE + " is a or srv, not '" + type + "'");
        }
        String server = config.get(SERVER);
        if (server != null) {
            try {
                server(server);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        try {
            refresh(config);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    @Override
    public AutoCloseable start(String componentId, Map<String, String> config, int port, EndpointSink sink) {
        String name = config.get(NAME).strip().replaceAll("\\.$", "");
        boolean srv = config.getOrDefault(TYPE, "a").strip().equalsIgnoreCase("srv");
        InetSocketAddress server = config.get(SERVER) != null ? server(config.get(SERVER)) : systemServer();
        DnsClient dns = new DnsClient(server, 3000);
        List<List<Endpoint>> last = new ArrayList<>(List.of(List.of()));
        boolean[] pushedOnce = {false};
        Runnable ask = () -> {
            List<Endpoint> now;
            try {
                now = srv ? fromSrv(dns, name) : addresses(dns, name, port);
            } catch (DnsClient.NoSuchName e) {
                now = List.of();
            } catch (IOException | RuntimeException e) {
                return; // unreachable: keep what was found last
            }
            if (!pushedOnce[0] || !now.equals(last.get(0))) {
                pushedOnce[0] = true;
                last.set(0, now);
                sink.endpoints(now);
            }
        };
        ScheduledFuture<?> task = timer.scheduleWithFixedDelay(ask, 0, refresh(config), TimeUnit.SECONDS);
        return () -> task.cancel(true);
    }

    /** A and AAAA records, each address with the port. */
    private static List<Endpoint> addresses(DnsClient dns, String name, int port) throws IOException {
        List<Endpoint> out = new ArrayList<>();
        for (int type : List.of(DnsClient.A, DnsClient.AAAA)) {
            try {
                dns.query(name, type).stream().filter(r -> r.answer() && r.type() == type)
                        .forEach(r -> out.add(new Endpoint(r.address(), port, true)));
            } catch (DnsClient.NoSuchName e) {
                if (type == DnsClient.A) {
                    throw e;
                }
            }
        }
        return sorted(out);
    }

    /** SRV records: each target's addresses (from the additional section, else asked) with the record's port. */
    private static List<Endpoint> fromSrv(DnsClient dns, String name) throws IOException {
        List<DnsClient.Record> records = dns.query(name, DnsClient.SRV);
        List<Endpoint> out = new ArrayList<>();
        for (DnsClient.Record srv : records.stream().filter(r -> r.answer() && r.type() == DnsClient.SRV).toList()) {
            List<String> known = records.stream().filter(r -> r.address() != null && r.name().equals(srv.target()))
                    .map(DnsClient.Record::address).toList();
            if (known.isEmpty()) {
                try {
                    known = addresses(dns, srv.target(), srv.port()).stream().map(Endpoint::host).toList();
                } catch (DnsClient.NoSuchName e) {
                    known = List.of();
                }
            }
            known.forEach(a -> out.add(new Endpoint(a, srv.port(), true)));
        }
        return sorted(out);
    }

    private static List<Endpoint> sorted(List<Endpoint> endpoints) {
        return endpoints.stream().distinct().sorted(Comparator.comparing(Endpoint::address)).toList();
    }

    private static int refresh(Map<String, String> config) {
        String text = config.getOrDefault(REFRESH, "30").strip();
        try {
            int s = Integer.parseInt(text);
            if (s >= 1 && s <= 3600) {
                return s;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(REFRESH + " is a whole number of seconds from 1 to 3600, not '" + text + "'");
    }

    /** An IP literal with an optional port (53 by default): never a name, which would need DNS to find DNS. */
    static InetSocketAddress server(String text) {
        String s = text.strip();
        String host = s;
        int port = 53;
        int colon = s.lastIndexOf(':');
        if (s.startsWith("[") ? s.lastIndexOf(']') < colon : colon > 0 && s.indexOf(':') == colon) {
            host = s.substring(0, colon);
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        } else if (!s.startsWith("[") && s.indexOf(':') >= 0) {
            host = "[" + s + "]"; // a bare IPv6 address
        }
        if (!IP.matcher(host).matches() || port < 1 || port > 65535) {
            throw new IllegalArgumentException(SERVER + " must be a DNS server's IP address with an optional port,"
                    + " like 10.0.0.2 or 10.0.0.2:5353, not '" + s + "'");
        }
        InetSocketAddress address = new InetSocketAddress(host.replace("[", "").replace("]", ""), port);
        if (address.isUnresolved()) { // a literal that is no address: never looked up, never asked
            throw new IllegalArgumentException(SERVER + " '" + s + "' is not an IP address");
        }
        return address;
    }

    /** The host's first nameserver, as /etc/resolv.conf has it. */
    private static InetSocketAddress systemServer() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
                String[] words = line.strip().split("\\s+");
                if (words.length >= 2 && words[0].equals("nameserver")) {
                    return new InetSocketAddress(words[1], 53);
                }
            }
        } catch (IOException e) {
            // no resolv.conf: the loopback resolver below
        }
        return new InetSocketAddress("127.0.0.1", 53);
    }
}
