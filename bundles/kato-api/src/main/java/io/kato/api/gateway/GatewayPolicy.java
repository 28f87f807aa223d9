package io.kato.api.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the gateway does for one component besides routing to it: measure its requests
 * (performance analysis), cap their rate, and admit or refuse clients by address (entry
 * network). Plugin types whose work the gateway does build it from an installation's values
 * (see {@link io.kato.api.plugin.PluginType#gatewayPolicy}); the core merges those of a
 * component's installations and the route carries the result.
 *
 * <p>Address lists hold IPv4 or IPv6 addresses ({@code 10.1.2.3}) or ranges in CIDR notation
 * ({@code 10.0.0.0/8}, {@code fd00::/8}); never host names, which would make every request
 * wait for a lookup. A client in {@code deny} is refused; when {@code allow} is not empty a
 * client outside it is refused too.
 */
public final class GatewayPolicy {
    /** Routing only. */
    public static final GatewayPolicy NONE = new GatewayPolicy(false, 0, List.of(), List.of());
    /** Dotted-quad IPv4 (no short forms) or anything with a ':' (IPv6), each with an optional prefix length. */
    private static final Pattern LITERAL = Pattern.compile("(((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)|[0-9a-f.]*:[0-9a-f:.]*)(/[0-9]{1,3})?");

    private final boolean measure;
    private final int requestsPerSecond;
    private final List<String> allow;
    private final List<String> deny;
    private final List<Range> allowRanges;
    private final List<Range> denyRanges;

    /**
     * @param measure           whether the gateway keeps response time, throughput and error rate
     * @param requestsPerSecond the most requests a second it passes to the component (all its
     *                          instances together); 0 for no limit
     * @param allow             addresses or ranges admitted; empty admits every one not denied
     * @param deny              addresses or ranges refused
     * @throws IllegalArgumentException naming the entry that is not an address or range, or a
     *                                  negative rate
     */
    public GatewayPolicy(boolean measure, int requestsPerSecond, List<String> allow, List<String> deny) {
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("a rate limit must be 0 (none) or more requests a second, not "
                    + requestsPerSecond);
        }
        this.measure = measure;
        this.requestsPerSecond = requestsPerSecond;
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
        this.allowRanges = this.allow.stream().map(Range::parse).toList();
        this.denyRanges = this.deny.stream().map(Range::parse).toList();
    }

    /**
     * A comma- or space-separated list of addresses and ranges as a user writes it (blank: none).
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or range
     */
    public static List<String> addressList(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String entry : text.split("[,\\s]+")) {
                if (!entry.isEmpty()) {
                    Range.parse(entry);
                    out.add(entry);
                }
            }
        }
        return out;
    }

    public boolean measure() {
        return measure;
    }

    public int requestsPerSecond() {
        return requestsPerSecond;
    }

    public List<String> allow() {
        return allow;
    }

    public List<String> deny() {
        return deny;
    }

    /** Whether a client at this address may reach the component. */
    public boolean admits(InetAddress client) {
        byte[] a = client.getAddress();
        if (denyRanges.stream().anyMatch(r -> r.contains(a))) {
            return false;
        }
        return allowRanges.isEmpty() || allowRanges.stream().anyMatch(r -> r.contains(a));
    }

    /**
     * Both at once, for a component with several plugins the gateway stands in for: measured
     * if either measures, the lower of two limits, every entry of both lists.
     */
    public GatewayPolicy and(GatewayPolicy other) {
        int rate = requestsPerSecond == 0 ? other.requestsPerSecond : other.requestsPerSecond == 0
                ? requestsPerSecond : Math.min(requestsPerSecond, other.requestsPerSecond);
        List<String> a = new ArrayList<>(allow);
        a.addAll(other.allow);
        List<String> d = new ArrayList<>(deny);
        d.addAll(other.deny);
        return new GatewayPolicy(measure || other.measure, rate, a, d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewayPolicy p && p.measure == measure && p.requestsPerSecond == requestsPerSecond
                && p.allow.equals(allow) && p.deny.equals(deny);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(measure, requestsPerSecond, allow, deny);
    }

    @Override
    public String toString() {
        return "GatewayPolicy[measure=" + measure + ", requestsPerSecond=" + requestsPerSecond + ", allow=" + allow
                + ", deny=" + deny + "]";
    }

    /** An address with the number of leading bits that must match. */
    private record Range(byte[] network, int bits) {
        static Range parse(String text) {
            String s = text.strip().toLowerCase(Locale.ROOT);
            // a literal only: InetAddress would look a name up in the DNS
            if (!LITERAL.matcher(s).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or a CIDR range such as"
                        + " 10.0.0.0/8");
            }
            int slash = s.indexOf('/');
            byte[] address;
            try {
                address = InetAddress.getByName(slash < 0 ? s : s.substring(0, slash)).getAddress();
            } catch (UnknownHostException | SecurityException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or a CIDR range such as"
                        + " 10.0.0.0/8");
            }
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(s.substring(slash + 1));
            if (bits > address.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix longer than its address ("
                        + address.length * 8 + " bits)");
            }
            return new Range(address, bits);
        }

        boolean contains(byte[] address) {
            byte[] a = address;
            if (a.length != network.length) {
                a = mapped(a, network.length);
                if (a == null) {
                    return false;
                }
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }

        /** An IPv4 client seen as an IPv4-mapped IPv6 address (or back), to compare with a range of the other kind. */
        private static byte[] mapped(byte[] a, int length) {
            if (a.length == 16 && length == 4) {
                for (int i = 0; i < 10; i++) {
                    if (a[i] != 0) {
                        return null;
                    }
                }
                return a[10] == (byte) 0xff && a[11] == (byte) 0xff ? java.util.Arrays.copyOfRange(a, 12, 16) : null;
            }
            if (a.length == 4 && length == 16) {
                byte[] out = new byte[16];
                out[10] = (byte) 0xff;
                out[11] = (byte) 0xff;
                System.arraycopy(a, 0, out, 12, 4);
                return out;
            }
            return null;
        }
    }
}
