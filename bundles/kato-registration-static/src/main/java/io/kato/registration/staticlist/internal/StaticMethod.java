package io.kato.registration.staticlist.internal;

import io.kato.api.thirdparty.RegistrationMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Endpoints written down once: a list of IP addresses, each with an optional port, or one
 * domain name (with an optional port), in the config's {@code addresses}. An address without
 * a port gets the component's port.
 */
@Component(service = RegistrationMethod.class)
public class StaticMethod implements RegistrationMethod {
    static final String ADDRESSES = "addresses";
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "\\.)*[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    @Override
    public String name() {
        return "static";
    }

    @Override
    public String usage() {
        return "addresses: IP addresses with optional ports, comma-separated (10.0.0.5, 10.0.0.6:3307, [fd00::5]:3306),"
                + " or one domain name (db.example.org:3306)";
    }

    @Override
    public List<String> validate(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        config.keySet().stream().filter(k -> !k.equals(ADDRESSES)).forEach(k -> problems.add("unknown setting '"
                + k + "': the static method takes only " + ADDRESSES));
        try {
            parse(config.get(ADDRESSES), 1);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** Pushes the written-down endpoints, once: nothing changes them but a new registration. */
    @Override
    public AutoCloseable start(String componentId, Map<String, String> config, int port, EndpointSink sink) {
        sink.endpoints(parse(config.get(ADDRESSES), port));
        return () -> {
        };
    }

    /** The endpoints of an {@code addresses} value; entries without a port get {@code port}. */
    static List<Endpoint> parse(String text, int port) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(ADDRESSES + " is required: IP addresses, or one domain name");
        }
        List<Endpoint> out = new ArrayList<>();
        boolean domain = false;
        for (String entry : text.strip().split("[,\\s]+")) {
            String host = entry;
            int p = port;
            if (entry.startsWith("[")) { // [v6]:port
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("'" + entry + "' opens a bracket it does not close");
                }
                host = entry.substring(1, close);
                if (!IPV6.matcher(host).matches()) {
                    throw new IllegalArgumentException("'" + entry + "' holds no IPv6 address between its brackets");
                }
                if (close + 1 < entry.length()) {
                    if (entry.charAt(close + 1) != ':') {
                        throw new IllegalArgumentException("'" + entry + "' needs a ':' before its port");
                    }
                    p = port(entry, entry.substring(close + 1));
                }
            } else if (entry.indexOf(':') == entry.lastIndexOf(':') && entry.indexOf(':') > 0) { // v4 or name:port
                host = entry.substring(0, entry.indexOf(':'));
                p = port(entry, entry.substring(entry.indexOf(':')));
            }
            boolean ip = IPV4.matcher(host).matches() || IPV6.matcher(host).matches() && !entry.startsWith(host + ":")
                    || entry.startsWith("[");
            if (!ip && !DOMAIN.matcher(host).matches()) {
                throw new IllegalArgumentException("'" + entry + "' is neither an IP address nor a domain name");
            }
            domain |= !ip;
            out.add(new Endpoint(host, p, true));
        }
        if (domain && out.size() > 1) {
            throw new IllegalArgumentException("a domain name stands alone: give one domain, or IP addresses only");
        }
        if (out.size() > 100) {
            throw new IllegalArgumentException("at most 100 addresses");
        }
        return out;
    }

    private static int port(String entry, String colonAndPort) {
        try {
            int p = Integer.parseInt(colonAndPort.substring(1));
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + entry + "' has no port between 1 and 65535 after its ':'");
    }
}
