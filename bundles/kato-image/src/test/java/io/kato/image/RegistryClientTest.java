package io.kato.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.image.RegistryClient.Auth;
import io.kato.image.testing.OciLayout;
import io.kato.image.testing.RegistryServer;
import io.kato.image.testing.RegistryServer.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against real registries on loopback (Debian's docker-registry), filled by skopeo from
 * OCI layouts written here: the image configuration as Kato reads it, the token and basic
 * authentication registries ask for, multi-platform indexes, digests, TLS, and each way
 * it can go wrong. Set KATO_TEST_REGISTRY=skip to leave these out on a machine without
 * the registry and skopeo.
 */
class RegistryClientTest {
    private static final String CONFIG = """
            {"Env":["PATH=/usr/local/bin:/usr/bin","GREETING=hello world"],
             "ExposedPorts":{"8080/tcp":{},"5353/udp":{},"7000-7010/tcp":{}},
             "Volumes":{"/data":{}},"Entrypoint":["/app/run"],"Cmd":["--port","8080"],
             "User":"app","WorkingDir":"/app","Labels":{"org.opencontainers.image.title":"web"}}""";
    @TempDir
    static Path dir;
    private static RegistryServer token;
    private static RegistryServer basic;
    private static RegistryServer open;
    private static RegistryServer tls;
    private static OciLayout.Image amd64;
    private static String indexDigest;
    private static final String ARCH = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
    private static final String OTHER_ARCH = ARCH.equals("amd64") ? "arm64" : "amd64";
    private final RegistryClient client = new RegistryClient(Duration.ofSeconds(10));

    @BeforeAll
    static void registries() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("skip".equals(System.getenv("KATO_TEST_REGISTRY")),
                "KATO_TEST_REGISTRY=skip");
        OciLayout layout = new OciLayout(dir.resolve("layout"));
        amd64 = layout.image("linux", ARCH, CONFIG);
        layout.tag("1", amd64);
        OciLayout.Image other = layout.image("linux", OTHER_ARCH, "{\"Cmd\":[\"other\"]}");
        OciLayout.Image windows = layout.image("windows", ARCH, "{\"Cmd\":[\"windows\"]}");
        indexDigest = layout.tagIndex("multi", other, windows, amd64);
        layout.tagIndex("windows-only", windows);
        token = RegistryServer.start(dir.resolve("token"), Mode.TOKEN);
        token.push(layout, "1", "kato/web");
        token.push(layout, "multi", "kato/web");
        basic = RegistryServer.start(dir.resolve("basic"), Mode.BASIC);
        basic.push(layout, "1", "team/web");
        open = RegistryServer.start(dir.resolve("open"), Mode.OPEN);
        open.push(layout, "windows-only", "web");
        tls = RegistryServer.start(dir.resolve("tls"), Mode.TLS);
        tls.push(layout, "1", "web");
    }

    @AfterAll
    static void stop() {
        for (RegistryServer r : new RegistryServer[] {token, basic, open, tls}) {
            if (r != null) {
                r.close();
            }
        }
    }

    private static Auth user() {
        return new Auth(RegistryServer.USER, RegistryServer.PASSWORD);
    }

    @Test
    void readsTheImageConfigurationThroughABearerToken() throws Exception {
        ImageConfig c = client.inspect(ImageReference.parse(token.address() + "/kato/web:1"), user(), true);
        assertEquals(amd64.digest(), c.digest(), "the manifest skopeo pushed, unchanged");
        assertEquals(token.address() + "/kato/web:1@" + amd64.digest(), c.reference().toString());
        assertEquals("linux", c.os());
        assertEquals(ARCH, c.architecture());
        assertEquals(Map.of("PATH", "/usr/local/bin:/usr/bin", "GREETING", "hello world"), c.env());
        assertEquals(List.of(new ContainerSpec.PortMapping(8080, null, "tcp"),
                new ContainerSpec.PortMapping(5353, null, "udp")), c.exposedPorts(), "a range names no one port");
        assertEquals(List.of("/data"), c.volumes());
        assertEquals(List.of("/app/run"), c.entrypoint());
        assertEquals(List.of("--port", "8080"), c.cmd());
        assertEquals("app", c.user());
        assertEquals("/app", c.workingDir());
        assertEquals("web", c.labels().get("org.opencontainers.image.title"));
        assertTrue(c.sizeBytes() > 0);
    }

    @Test
    void aMultiPlatformIndexGivesThisMachinesLinuxImage() throws Exception {
        ImageConfig c = client.inspect(ImageReference.parse(token.address() + "/kato/web:multi"), user(), true);
        assertEquals(indexDigest, c.digest(), "pinned to the index: a cluster of any architecture pulls its own");
        assertEquals(List.of("/app/run"), c.entrypoint(), "the configuration of this machine's platform");
        assertEquals(ARCH, c.architecture());
        ImageConfig pinned = client.inspect(ImageReference.parse(token.address() + "/kato/web@" + indexDigest),
                user(), true);
        assertEquals(indexDigest, pinned.digest(), "an index asked for by digest");
        assertEquals(List.of("/app/run"), pinned.entrypoint());
        RegistryException none = assertThrows(RegistryException.class, () -> client.inspect(
                ImageReference.parse(open.address() + "/web:windows-only"), null, true));
        assertEquals(RegistryException.Kind.INVALID, none.kind());
        assertTrue(none.getMessage().contains("has no linux variant (it has: windows/" + ARCH + ")"),
                none.getMessage());
    }

    @Test
    void credentialsAreAskedForAndCheckedWithoutBeingShown() {
        RegistryException anonymous = assertThrows(RegistryException.class, () -> client.inspect(
                ImageReference.parse(token.address() + "/kato/web:1"), null, true));
        assertEquals(RegistryException.Kind.UNAUTHORIZED, anonymous.kind());
        assertTrue(anonymous.getMessage().contains("refused anonymous access to 'kato/web': add a registry"
                + " credential"), anonymous.getMessage());
        RegistryException wrong = assertThrows(RegistryException.class, () -> client.inspect(
                ImageReference.parse(token.address() + "/kato/web:1"), new Auth("kato", "not-it"), true));
        assertEquals(RegistryException.Kind.UNAUTHORIZED, wrong.kind());
        assertTrue(wrong.getMessage().contains("refused the credentials"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("not-it"));
        assertFalse(new Auth("kato", "not-it").toString().contains("not-it"));
    }

    @Test
    void basicAuthenticationRegistries() throws Exception {
        ImageConfig c = client.inspect(ImageReference.parse(basic.address() + "/team/web:1"), user(), true);
        assertEquals(amd64.digest(), c.digest());
        RegistryException anonymous = assertThrows(RegistryException.class, () -> client.inspect(
                ImageReference.parse(basic.address() + "/team/web:1"), null, true));
        assertEquals(RegistryException.Kind.UNAUTHORIZED, anonymous.kind());
        assertTrue(anonymous.getMessage().contains("wants credentials"), anonymous.getMessage());
    }

    @Test
    void missingImagesAndTags() {
        for (String ref : List.of("/kato/web:2", "/kato/nothing:1", "/kato/web@sha256:" + "00".repeat(32))) {
            RegistryException e = assertThrows(RegistryException.class, () -> client.inspect(
                    ImageReference.parse(token.address() + ref), user(), true));
            assertEquals(RegistryException.Kind.NOT_FOUND, e.kind(), ref + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("is not in registry '" + token.address() + "'"), e.getMessage());
        }
    }

    @Test
    void tlsIsCheckedUnlessTheRegistryIsMarkedInsecure() throws Exception {
        RegistryException untrusted = assertThrows(RegistryException.class, () -> client.inspect(
                ImageReference.parse(tls.address() + "/web:1"), null, false));
        assertEquals(RegistryException.Kind.UNTRUSTED, untrusted.kind());
        assertTrue(untrusted.getMessage().contains("insecure registry"), untrusted.getMessage());
        assertEquals(amd64.digest(), client.inspect(ImageReference.parse(tls.address() + "/web:1"), null, true)
                .digest(), "a self-signed certificate, accepted when the user says so");
        RegistryException plain = assertThrows(RegistryException.class, () -> client.inspect(
                ImageReference.parse(open.address() + "/web:windows-only"), null, false));
        assertEquals(RegistryException.Kind.UNTRUSTED, plain.kind(), "plain HTTP only when insecure");
    }

    @Test
    void anUnreachableRegistryIsSaidSo() throws Exception {
        int closed;
        try (var s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        RegistryException e = assertThrows(RegistryException.class, () -> client.inspect(
                ImageReference.parse("127.0.0.1:" + closed + "/web:1"), null, true));
        assertEquals(RegistryException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
    }
}
