package io.kato.registration.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.thirdparty.RegistrationMethod.Endpoint;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real DNS server: Debian's dnsmasq on a loopback port, its records in a hosts file. */
class DnsMethodTest {
    @TempDir
    Path dir;
    private Process dnsmasq;
    private int port;
    private final DnsMethod method = new DnsMethod();

    @BeforeEach
    void startDnsmasq() throws Exception {
        Assumptions.assumeFalse("skip".equals(System.getenv("KATO_TEST_DNS")), "KATO_TEST_DNS=skip");
        Path binary = Path.of("/usr/sbin/dnsmasq");
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("The dns method's test needs Debian's dnsmasq (apt-get install dnsmasq-base),"
                    + " or KATO_TEST_DNS=skip");
        }
        Files.writeString(dir.resolve("hosts"), "127.0.0.1 db.kato.test\n::1 db.kato.test\n");
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        dnsmasq = new ProcessBuilder(binary.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
                "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--addn-hosts=" + dir.resolve("hosts"), "--srv-host=_mysql._tcp.kato.test,db.kato.test,3306",
                "--local=/kato.test/", "--pid-file=", "--user=" + System.getProperty("user.name"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
        DnsClient probe = new DnsClient(new java.net.InetSocketAddress("127.0.0.1", port), 300);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                probe.query("db.kato.test", DnsClient.A);
                return;
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline || !dnsmasq.isAlive()) {
                    throw new AssertionError("dnsmasq did not answer: " + Files.readString(dir.resolve("dnsmasq.log")),
                            e);
                }
            }
        }
    }

    @AfterEach
    void stop() {
        if (dnsmasq != null) {
            dnsmasq.destroy();
        }
        method.deactivate();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private Map<String, String> config(String name, String type) {
        return Map.of("name", name, "type", type, "server", "127.0.0.1:" + port, "refreshSeconds", "1");
    }

    @Test
    void addressRecordsAreFollowedAsTheyChange() throws Exception {
        List<List<Endpoint>> pushed = new CopyOnWriteArrayList<>();
        try (AutoCloseable handle = method.start("c1", config("db.kato.test", "a"), 5432, pushed::add)) {
            await("the first answer", () -> !pushed.isEmpty());
            assertEquals(List.of(new Endpoint("127.0.0.1", 5432, true), new Endpoint("0:0:0:0:0:0:0:1", 5432, true)),
                    pushed.get(0));
            Files.writeString(dir.resolve("hosts"), "127.0.0.1 db.kato.test\n127.0.0.2 db.kato.test\n");
            new ProcessBuilder("kill", "-HUP", Long.toString(dnsmasq.pid())).start().waitFor();
            await("the changed records", () -> pushed.size() >= 2);
            assertEquals(List.of(new Endpoint("127.0.0.1", 5432, true), new Endpoint("127.0.0.2", 5432, true)),
                    pushed.get(pushed.size() - 1));
            Thread.sleep(2500);
            assertEquals(2, pushed.size(), "an unchanged answer is not pushed again");
        }
    }

    @Test
    void srvRecordsGiveTheirTargetsAddressesAndPort() throws Exception {
        List<List<Endpoint>> pushed = new CopyOnWriteArrayList<>();
        try (AutoCloseable handle = method.start("c1", config("_mysql._tcp.kato.test", "srv"), 5432, pushed::add)) {
            await("the first answer", () -> !pushed.isEmpty());
            assertEquals(List.of(new Endpoint("127.0.0.1", 3306, true), new Endpoint("0:0:0:0:0:0:0:1", 3306, true)),
                    pushed.get(0));
        }
        List<List<Endpoint>> none = new CopyOnWriteArrayList<>();
        try (AutoCloseable handle = method.start("c2", config("nope.kato.test", "a"), 5432, none::add)) {
            await("the answer for a name that does not exist", () -> !none.isEmpty());
            assertEquals(List.of(), none.get(0));
        }
    }

    @Test
    void aConfigItCannotUseIsSaidInWordsWithoutAskingAnyone() {
        assertEquals(List.of(), method.validate(Map.of("name", "db.example.org")));
        assertEquals(List.of(), method.validate(Map.of("name", "_mysql._tcp.example.org", "type", "srv", "server",
                "[fd00::2]:5353", "refreshSeconds", "5")));
        for (Map<String, String> bad : List.of(Map.<String, String>of(), Map.of("name", "not a name"),
                Map.of("name", "db.example.org", "type", "mx"), Map.of("name", "db.example.org", "server", "ns1.example"),
                Map.of("name", "db.example.org", "refreshSeconds", "0"), Map.of("name", "db.example.org", "ttl", "1"))) {
            List<String> problems = method.validate(bad);
            assertEquals(1, problems.size(), bad + ": " + problems);
        }
        assertTrue(method.validate(Map.of("name", "x.org", "server", "10.0.0.2:99999")).get(0).contains("server"));
    }
}
