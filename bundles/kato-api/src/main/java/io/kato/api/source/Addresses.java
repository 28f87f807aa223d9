package io.kato.api.source;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The address rule every fetcher applies before it connects: unless private networks are
 * allowed, a host that resolves to a loopback, private, link-local, carrier-grade NAT,
 * unique-local or unspecified address is refused, so that a source URL cannot be used to
 * reach services inside Kato's own network.
 */
public final class Addresses {
    private Addresses() {
    }

    /**
     * Resolves the host and checks every address it has.
     *
     * @throws SourceFetchException naming the host when it cannot be resolved or is refused
     */
    public static void check(String host, boolean allowPrivateNetworks) {
        if (host == null || host.isBlank()) {
            throw new SourceFetchException("The URL has no host");
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new SourceFetchException("Host '" + host + "' cannot be resolved: check the URL");
        }
        if (allowPrivateNetworks) {
            return;
        }
        for (InetAddress a : all) {
            if (isPrivate(a)) {
                throw new SourceFetchException("Host '" + host + "' resolves to a private or loopback address ("
                        + a.getHostAddress() + "), which this server does not fetch from: an admin can allow it with"
                        + " allowPrivateNetworks in etc/io.kato.source.cfg");
            }
        }
    }

    /** Whether the address belongs to a network that is not the public internet. */
    public static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return (first == 100 && second >= 64 && second <= 127) // 100.64.0.0/10 carrier-grade NAT
                || first == 0 || (first == 192 && second == 0 && (b[2] & 0xff) == 0);
    }
}
