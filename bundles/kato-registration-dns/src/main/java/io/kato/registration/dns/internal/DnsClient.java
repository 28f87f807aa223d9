package io.kato.registration.dns.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A small DNS client over UDP (RFC 1035): one question of type A, AAAA or SRV to one
 * server, its answer and additional records read back. Kato asks a server of the user's
 * choosing, which the JDK's resolver cannot be told, and needs no JNDI provider under OSGi.
 */
final class DnsClient {
    static final int A = 1;
    static final int AAAA = 28;
    static final int SRV = 33;
    private static final SecureRandom IDS = new SecureRandom();
    private final InetSocketAddress server;
    private final int timeoutMillis;

    /**
     * A record: its owner, type and data (an address, or an SRV target with its port), and
     * whether it is in the answer section (the others are the server's additions: glue,
     * its nameservers' addresses).
     */
    record Record(String name, int type, String address, String target, int port, boolean answer) {
    }

    /** The name does not exist (NXDOMAIN): not a failure to reach the server. */
    static final class NoSuchName extends IOException {
        private static final long serialVersionUID = 1L;

        NoSuchName(String name) {
            super(name + " does not exist");
        }
    }

    DnsClient(InetSocketAddress server, int timeoutMillis) {
        this.server = server;
        this.timeoutMillis = timeoutMillis;
    }

    /** The answer and additional records for the question, tried twice before giving up. */
    List<Record> query(String name, int type) throws IOException {
        int id = IDS.nextInt(1 << 16);
        byte[] question = question(id, name, type);
        IOException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout(timeoutMillis);
                socket.connect(server); // only the server's datagrams come back to it
                socket.send(new DatagramPacket(question, question.length, server));
                byte[] buffer = new byte[4096];
                while (true) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    ByteBuffer in = ByteBuffer.wrap(buffer, 0, packet.getLength());
                    if (packet.getLength() >= 12 && (in.getShort(0) & 0xffff) == id) {
                        return answer(in, name);
                    } // a stray datagram: wait for ours
                }
            } catch (SocketTimeoutException e) {
                last = new IOException("no answer from " + server.getHostString() + ":" + server.getPort() + " in "
                        + timeoutMillis + " ms", e);
            }
        }
        throw last;
    }

    private static byte[] question(int id, String name, int type) {
        ByteBuffer out = ByteBuffer.allocate(512);
        out.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0); // recursion desired, one question
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.put((byte) bytes.length).put(bytes);
        }
        out.put((byte) 0).putShort((short) type).putShort((short) 1); // class IN
        byte[] q = new byte[out.position()];
        out.flip().get(q);
        return q;
    }

    private static List<Record> answer(ByteBuffer in, String asked) throws IOException {
        int flags = in.getShort(2) & 0xffff;
        int rcode = flags & 0xf;
        if (rcode == 3) {
            throw new NoSuchName(asked);
        }
        if (rcode != 0) {
            throw new IOException("the server answered with error code " + rcode + " for " + asked);
        }
        if ((flags & 0x0200) != 0) { // truncated: a part taken for the whole would drop endpoints
            throw new IOException("the answer for " + asked + " did not fit in a datagram");
        }
        int questions = in.getShort(4) & 0xffff;
        int answers = in.getShort(6) & 0xffff;
        int records = answers + (in.getShort(8) & 0xffff) + (in.getShort(10) & 0xffff);
        in.position(12);
        for (int i = 0; i < questions; i++) {
            name(in);
            in.position(in.position() + 4);
        }
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            String owner = name(in);
            int type = in.getShort() & 0xffff;
            in.getShort(); // class
            in.getInt(); // ttl
            int length = in.getShort() & 0xffff;
            int end = in.position() + length;
            if (type == A && length == 4 || type == AAAA && length == 16) {
                byte[] address = new byte[length];
                in.get(address);
                out.add(new Record(owner, type, InetAddress.getByAddress(address).getHostAddress(), null, 0,
                        i < answers));
            } else if (type == SRV) {
                in.getShort(); // priority
                in.getShort(); // weight
                int port = in.getShort() & 0xffff;
                out.add(new Record(owner, type, null, name(in), port, i < answers));
            }
            in.position(end);
        }
        return out;
    }

    /** A possibly compressed name, lower case, without the final dot. */
    private static String name(ByteBuffer in) throws IOException {
        StringBuilder b = new StringBuilder();
        int position = in.position();
        int resume = -1;
        for (int hops = 0; hops < 64; hops++) {
            int length = in.get(position) & 0xff;
            if ((length & 0xc0) == 0xc0) {
                if (resume < 0) {
                    resume = position + 2;
                }
                position = ((length & 0x3f) << 8) | (in.get(position + 1) & 0xff);
                continue;
            }
            if (length == 0) {
                in.position(resume >= 0 ? resume : position + 1);
                return b.toString().toLowerCase(java.util.Locale.ROOT);
            }
            if (b.length() > 0) {
                b.append('.');
            }
            for (int i = 1; i <= length; i++) {
                b.append((char) (in.get(position + i) & 0xff));
            }
            position += length + 1;
        }
        throw new IOException("a name in the answer points in circles");
    }
}
