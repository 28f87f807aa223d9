package io.kato.itests;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.osgi.framework.BundleContext;

/**
 * Boots the assembled Kato distribution for each test class, on free ports, and offers
 * what the tests share: HTTP calls with the admin token, shell commands, and waiting.
 */
public abstract class KatoTestSupport {
    /** Set by failsafe in the environment the container inherits; see itests/pom.xml. */
    protected static final String ADMIN_TOKEN = "itest-admin-token-0123456789";
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        String assembly = System.getProperty("kato.assembly");
        String work = System.getProperty("kato.itest.work", "target");
        int http = freePort();
        int ssh = freePort();
        int gateway = freePort();
        int gatewayTls = freePort();
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(new File(assembly).toURI().toString())
                    .name("Kato")
                    .unpackDirectory(new File(work, "exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevelOption.LogLevel.WARN),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(http)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(ssh)),
            editConfigurationFilePut("etc/io.kato.gateway.cfg", "httpPort", Integer.toString(gateway)),
            editConfigurationFilePut("etc/io.kato.core.cfg", "discoveryUrl",
                    "http://127.0.0.1:" + http + "/api/v1/discovery"),
            editConfigurationFilePut("etc/io.kato.gateway.cfg", "publicPort", Integer.toString(gateway)),
            editConfigurationFilePut("etc/io.kato.gateway.cfg", "httpsPort", Integer.toString(gatewayTls)),
            systemProperty("kato.itest.gateway.tls.port").value(Integer.toString(gatewayTls)),
            systemProperty("kato.itest.http.port").value(Integer.toString(http)),
            systemProperty("kato.itest.gateway.port").value(Integer.toString(gateway)),
            systemProperty("kato.itest.detector").value(System.getProperty("kato.itest.detector")),
            systemProperty("kato.itest.plugin.type").value(System.getProperty("kato.itest.plugin.type")),
        };
    }

    @Before
    public void waitForApi() throws Exception {
        waitFor("the API to answer", Duration.ofSeconds(60), () -> {
            try {
                return get("/api/v1/health", null).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String base() {
        return "http://127.0.0.1:" + System.getProperty("kato.itest.http.port");
    }

    protected static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null, null);
    }

    protected static HttpResponse<String> send(String method, String path, String token, String body, String ifMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Runs a shell command as an operator would, and returns what it printed. */
    protected String executeCommand(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Session session = sessionFactory.create(System.in, out, out);
            try {
                session.execute(command);
            } finally {
                session.close();
            }
            out.flush();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Polls a check, build or event resource until its status is succeeded or failed; returns its last state. */
    protected static JsonNode awaitEnded(String what, String path, Duration timeout) throws Exception {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        waitFor(what, timeout, () -> {
            last.set(json(get(path, ADMIN_TOKEN)));
            return last.get().path("status").asText().matches("succeeded|failed");
        });
        return last.get();
    }

    protected static void waitFor(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            Thread.sleep(100);
        }
        fail("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }
}
