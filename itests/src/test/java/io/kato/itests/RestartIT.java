package io.kato.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kato.image.testing.OciLayout;
import io.kato.image.testing.RegistryServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Starts the real distribution as an operator would (bin/karaf), stops it, starts it again:
 * data and tokens survive, and the first start bootstraps an admin token into an
 * owner-only file without logging it.
 */
public class RestartIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path home;
    private int port;
    private Process karaf;

    @Before
    public void unpack() throws Exception {
        Path work = Path.of(System.getProperty("kato.itest.work", "target"), "restart");
        deleteTree(work);
        Files.createDirectories(work);
        run(work, "tar", "xzf", System.getProperty("kato.assembly"), "-C", work.toString());
        try (var dirs = Files.list(work)) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        port = KatoTestSupport.freePort();
        replaceLine(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", port);
        replaceLine(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", KatoTestSupport.freePort());
    }

    @After
    public void stopIfRunning() throws Exception {
        if (karaf != null && karaf.isAlive()) {
            karaf.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // a failed run must not leave the probe app's instances behind
        ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(a -> java.util.Arrays.asList(a).contains("restart-probe.js")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    public void dataAndTokensSurviveARestart() throws Exception {
        start();
        Path tokenFile = home.resolve("data/kato/bootstrap-token");
        assertTrue("first start writes the admin token", Files.exists(tokenFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String token = Files.readString(tokenFile).strip();

        HttpResponse<String> created = call("POST", "/api/v1/teams", token,
                "{\"name\":\"durable\",\"environment\":\"PROD\"}");
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals(201, call("POST", "/api/v1/teams/durable/apps", token, "{\"name\":\"web\"}").statusCode());
        assertEquals(201, call("POST", "/api/v1/teams/durable/components", token,
                "{\"name\":\"api\",\"app\":\"web\",\"env\":[{\"name\":\"PW\",\"value\":\"s3cr3t-value\",\"secret\":true}]}")
                .statusCode());
        HttpResponse<String> conf = call("PUT", "/api/v1/teams/durable/components/api/volumes/conf", token,
                "{\"type\":\"config_file\",\"path\":\"/etc/api.conf\",\"content\":\"level=debug\\n\"}");
        assertEquals(conf.body(), 200, conf.statusCode());
        assertEquals(200, call("PUT", "/api/v1/teams/durable/components/api/autoscaling", token,
                "{\"minInstances\":1,\"maxInstances\":4,\"metric\":\"cpu\",\"target\":300}").statusCode());
        // an image component: its check (with a password on the docker run line) and its version
        Path images = Files.createDirectories(home.resolve("../images"));
        OciLayout layout = new OciLayout(images.resolve("layout"));
        layout.tag("1", layout.image("linux", System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64",
                "{\"ExposedPorts\":{\"9000/tcp\":{}}}"));
        String imageCheck;
        try (RegistryServer registry = RegistryServer.start(images.resolve("registry"), RegistryServer.Mode.OPEN)) {
            registry.push(layout, "1", "tools/queue");
            HttpResponse<String> checked = call("POST", "/api/v1/teams/durable/image-checks", token,
                    "{\"dockerRun\":\"docker run --name queue -e QUEUE_PASSWORD=im4ge-pass " + registry.address()
                            + "/tools/queue:1\",\"insecure\":true}");
            assertEquals(checked.body(), 202, checked.statusCode());
            imageCheck = JSON.readTree(checked.body()).path("id").asText();
            await(token, "/api/v1/teams/durable/image-checks/" + imageCheck, "status", "succeeded");
        }
        assertEquals(201, call("POST", "/api/v1/teams/durable/image-checks/" + imageCheck + "/components", token,
                "{\"app\":\"web\"}").statusCode());
        // outside services: one written down, one fed through the API with its key; a dependency on each
        assertEquals(201, call("POST", "/api/v1/teams/durable/third-party-components", token, "{\"name\":\"ledger\","
                + "\"app\":\"web\",\"port\":{\"port\":5432},\"method\":\"static\",\"config\":{\"addresses\":"
                + "\"127.0.0.1\"},\"health\":{\"kind\":\"none\"}}").statusCode());
        HttpResponse<String> feed = call("POST", "/api/v1/teams/durable/third-party-components", token,
                "{\"name\":\"feed\",\"app\":\"web\",\"port\":{\"port\":7000},\"method\":\"api\","
                        + "\"health\":{\"kind\":\"none\"}}");
        assertEquals(feed.body(), 201, feed.statusCode());
        String key = JSON.readTree(feed.body()).path("registration").path("secretKey").asText();
        assertEquals(200, call("PUT", "/api/v1/teams/durable/components/feed/endpoints", null,
                "{\"secret_key\":\"" + key + "\",\"ip\":\"127.0.0.1\"}").statusCode());
        for (String on : java.util.List.of("ledger", "feed")) {
            assertEquals(200, call("PUT", "/api/v1/teams/durable/components/api/dependencies/" + on, token, "")
                    .statusCode());
        }
        stop();

        start();
        assertEquals("the token file is not rewritten", token, Files.readString(tokenFile).strip());
        JsonNode team = JSON.readTree(call("GET", "/api/v1/teams/durable", token, null).body());
        assertEquals("PROD", team.path("environment").asText());
        JsonNode component = JSON.readTree(call("GET", "/api/v1/teams/durable/components/api", token, null).body());
        assertEquals("********", component.path("env").get(0).path("value").asText());
        JsonNode volumes = JSON.readTree(call("GET", "/api/v1/teams/durable/components/api/volumes", token, null)
                .body());
        assertEquals("level=debug\n", volumes.get(0).path("content").asText());
        assertEquals(4, JSON.readTree(call("GET", "/api/v1/teams/durable/components/api/autoscaling", token, null)
                .body()).path("maxInstances").asInt());
        JsonNode check = JSON.readTree(call("GET", "/api/v1/teams/durable/image-checks/" + imageCheck, token, null)
                .body());
        assertEquals("queue", check.path("report").path("services").get(0).path("name").asText());
        JsonNode queue = JSON.readTree(call("GET", "/api/v1/teams/durable/components/queue", token, null).body());
        assertEquals("image", queue.path("sourceKind").asText());
        assertEquals("********", queue.path("env").get(0).path("value").asText());
        JsonNode versions = JSON.readTree(call("GET", "/api/v1/teams/durable/components/queue/versions", token, null)
                .body());
        assertEquals(1, versions.path("total").asInt());
        assertEquals(java.util.List.of("feed", "ledger"), JSON.readTree(call("GET",
                "/api/v1/teams/durable/components/api/dependencies", token, null).body()).findValuesAsText("component"));
        await(token, "/api/v1/teams/durable/components/ledger/registration", "status", "running");
        HttpResponse<String> pushedAgain = call("PUT", "/api/v1/teams/durable/components/feed/endpoints", null,
                "{\"secret_key\":\"" + key + "\",\"ip\":\"127.0.0.2\"}");
        assertEquals("the key outlives the restart: " + pushedAgain.body(), 200, pushedAgain.statusCode());
        assertTrue(pushedAgain.body(), pushedAgain.body().contains("127.0.0.1:7000"));
        stop();

        String log = Files.readString(home.resolve("data/log/karaf.log"));
        assertTrue(log.contains("bootstrap-token"));
        assertFalse("the token is never logged", log.contains(token));
        assertFalse("secrets are never logged", log.contains("s3cr3t-value"));
        assertFalse("nor what an image check was given", log.contains("im4ge-pass"));
        assertFalse("nor a third-party component's key", log.contains(key));
    }

    /** Processes of the probe app the second test runs, by its unusual file name. */
    private static long probeProcesses() {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(a -> java.util.Arrays.asList(a).contains("restart-probe.js")).orElse(false)).count();
    }

    private JsonNode await(String token, String path, String field, String value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = JSON.readTree(call("GET", path, token, null).body());
            if (last.path(field).asText().equals(value)) {
                return last;
            }
            Thread.sleep(300);
        }
        fail("waited for " + field + "=" + value + " at " + path + "; last: " + last);
        return last;
    }

    @Test
    public void aRunningComponentRunsAgainAfterKill9AndOnlyOnce() throws Exception {
        Path cfg = home.resolve("etc/io.kato.source.cfg");
        Files.writeString(cfg, Files.readString(cfg).replaceAll("(?m)^\\s*allowFileUrls\\s*=.*$", "allowFileUrls = true"));
        Path repo = Files.createDirectories(home.resolveSibling("probe-repo"));
        Files.writeString(repo.resolve("package.json"), "{\"name\":\"probe\",\"version\":\"1.0.0\","
                + "\"scripts\":{\"start\":\"node restart-probe.js\"}}");
        Files.writeString(repo.resolve("package-lock.json"), "{\"name\":\"probe\",\"version\":\"1.0.0\","
                + "\"lockfileVersion\":3,\"requires\":true,\"packages\":{\"\":{\"name\":\"probe\",\"version\":\"1.0.0\"}}}");
        Files.writeString(repo.resolve("restart-probe.js"),
                "require('http').createServer((q, s) => s.end('up')).listen(process.env.PORT, '127.0.0.1')");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile())
                .setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("probe").setAuthor("Ada", "ada@example.org").call();
        }
        start();
        String token = Files.readString(home.resolve("data/kato/bootstrap-token")).strip();
        assertEquals(201, call("POST", "/api/v1/teams", token, "{\"name\":\"ops\"}").statusCode());
        assertEquals(201, call("POST", "/api/v1/teams/ops/apps", token, "{\"name\":\"web\"}").statusCode());
        String check = JSON.readTree(call("POST", "/api/v1/teams/ops/source-checks", token,
                "{\"url\":\"" + repo.toUri() + "\"}").body()).path("id").asText();
        await(token, "/api/v1/teams/ops/source-checks/" + check, "status", "succeeded");
        assertEquals(201, call("POST", "/api/v1/teams/ops/components", token,
                "{\"name\":\"probe\",\"app\":\"web\",\"fromCheck\":\"" + check + "\"}").statusCode());
        String build = JSON.readTree(call("POST", "/api/v1/teams/ops/components/probe/build", token, "").body())
                .path("id").asText();
        await(token, "/api/v1/teams/ops/components/probe/builds/" + build, "status", "succeeded");
        assertEquals(202, call("POST", "/api/v1/teams/ops/components/probe/start", token, "").statusCode());
        await(token, "/api/v1/teams/ops/components/probe", "state", "running");
        assertEquals(1, probeProcesses());

        karaf.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: the instance runs on, orphaned
        assertEquals(1, probeProcesses());
        start();
        JsonNode running = await(token, "/api/v1/teams/ops/components/probe", "state", "running");
        String address = running.path("runningInstances").get(0).path("address").asText();
        assertEquals("up", HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("the orphan was stopped, one instance runs", 1, probeProcesses());

        stop();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (probeProcesses() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("a clean stop of Kato stops its instances", 0, probeProcesses());
    }

    private void start() throws Exception {
        // "daemon" makes bin/karaf exec the JVM, so the process we signal is Kato itself.
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "daemon")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.out").toFile()));
        pb.environment().remove("KATO_BOOTSTRAP_TOKEN");
        karaf = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!karaf.isAlive()) {
                fail("Kato exited with " + karaf.exitValue() + ": see " + home.resolve("console.out"));
            }
            try {
                if (call("GET", "/api/v1/health", null, null).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        fail("Kato did not answer on port " + port + " within 90 s");
    }

    private void stop() throws Exception {
        karaf.destroy();
        assertTrue("Kato stops within 60 s of SIGTERM", karaf.waitFor(60, TimeUnit.SECONDS));
        try {
            call("GET", "/api/v1/health", null, null);
            fail("Something still answers on port " + port + " after Kato stopped");
        } catch (ConnectException expected) {
            // the port is free: the next start is really a new server
        }
    }

    private HttpResponse<String> call(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void replaceLine(Path file, String key, int value) throws IOException {
        String text = Files.readString(file);
        String updated = text.replaceAll("(?m)^" + java.util.regex.Pattern.quote(key) + "\\s*=.*$", key + " = " + value);
        if (updated.equals(text)) {
            updated = text + "\n" + key + " = " + value + "\n";
        }
        Files.writeString(file, updated);
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertEquals(String.join(" ", command), 0, p.waitFor());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
