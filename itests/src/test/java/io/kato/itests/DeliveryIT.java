package io.kato.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * What a user does first, end to end on the distribution: a git repository goes from a
 * source check to a build, a start and a page served through the gateway at the
 * component's default domain; then a new commit is upgraded to under a client loop that
 * loses no request, rolled back, scaled to three instances that share the requests, and
 * an instance killed comes back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeliveryIT extends KatoTestSupport {
    private static boolean teamMade;

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/io.kato.source.cfg", "allowFileUrls", "true"),
                editConfigurationFilePut("etc/io.kato.runtime.local.cfg", "stopGraceSeconds", "3"));
    }

    @Before
    public void team() throws Exception {
        if (!teamMade) {
            assertEquals(201, send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\":\"dlv\"}", null).statusCode());
            assertEquals(201, send("POST", "/api/v1/teams/dlv/apps", ADMIN_TOKEN, "{\"name\":\"web\"}", null)
                    .statusCode());
            teamMade = true;
        }
    }

    /** A Python stdlib server that answers its release and the port it got. */
    private static String pythonApp(String release) {
        return pythonServer("        body = ('" + release + " ' + os.environ['PORT']).encode()\n");
    }

    /** A Python stdlib server answering every GET with {@code body}, which the given lines of do_GET compute. */
    private static String pythonServer(String bodyLines) {
        return "import os\nfrom http.server import BaseHTTPRequestHandler, ThreadingHTTPServer\n"
                + "class H(BaseHTTPRequestHandler):\n"
                + "    def do_GET(self):\n"
                + bodyLines
                + "        self.send_response(200)\n"
                + "        self.send_header('Content-Length', str(len(body)))\n"
                + "        self.end_headers()\n"
                + "        self.wfile.write(body)\n"
                + "    def log_message(self, *args):\n"
                + "        pass\n"
                + "ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])), H).serve_forever()\n";
    }

    private static void commit(Path repo, Map<String, String> files) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            for (var f : files.entrySet()) {
                Files.createDirectories(repo.resolve(f.getKey()).getParent());
                Files.writeString(repo.resolve(f.getKey()), f.getValue());
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("change " + files.keySet()).setAuthor("Ada", "ada@example.org").call();
        }
    }

    private static Path repository(Map<String, String> files) throws Exception {
        Path repo = Files.createTempDirectory("kato-itest-delivery");
        Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call().close();
        commit(repo, files);
        return repo;
    }

    /** Checks the repository and makes a component of it with one outer port, in app "web". */
    private static void component(String name, Path repo, int port) throws Exception {
        component(name, repo, port, "web");
    }

    private static void component(String name, Path repo, int port, String app) throws Exception {
        JsonNode check = json(send("POST", "/api/v1/teams/dlv/source-checks", ADMIN_TOKEN,
                "{\"url\":\"" + repo.toUri() + "\"}", null));
        JsonNode done = awaitEnded("the check", "/api/v1/teams/dlv/source-checks/" + check.path("id").asText(),
                Duration.ofSeconds(60));
        assertEquals(done.toString(), "succeeded", done.path("status").asText());
        HttpResponse<String> made = send("POST", "/api/v1/teams/dlv/components", ADMIN_TOKEN, "{\"name\":\"" + name
                + "\",\"app\":\"" + app + "\",\"fromCheck\":\"" + check.path("id").asText() + "\",\"ports\":[{\"port\":"
                + port + ",\"outer\":true}]}", null);
        assertEquals(made.body(), 201, made.statusCode());
    }

    /** Builds through REST and waits for the build; returns the build. */
    private static JsonNode build(String name, int seconds) throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/teams/dlv/components/" + name + "/build", ADMIN_TOKEN,
                "", null);
        assertEquals(started.body(), 202, started.statusCode());
        String id = json(started).path("id").asText();
        JsonNode b = awaitEnded("the build of " + name, "/api/v1/teams/dlv/components/" + name + "/builds/" + id,
                Duration.ofSeconds(seconds));
        String log = get("/api/v1/teams/dlv/events/" + id + "/log", ADMIN_TOKEN).body();
        assertEquals(b + "\n" + log, "succeeded", b.path("status").asText());
        return b;
    }

    /** Posts an operation and waits for its event to end; returns the ended event. */
    private static JsonNode operate(String name, String operation, String body) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/teams/dlv/components/" + name + "/" + operation, ADMIN_TOKEN,
                body, null);
        assertEquals(r.body(), 202, r.statusCode());
        String id = json(r).path("id").asText();
        AtomicReference<JsonNode> e = new AtomicReference<>();
        waitFor(operation + " of " + name, Duration.ofSeconds(120), () -> {
            e.set(json(get("/api/v1/teams/dlv/events/" + id, ADMIN_TOKEN)));
            return !e.get().path("status").asText().equals("running");
        });
        assertEquals(e.get().toString(), "succeeded", e.get().path("status").asText());
        return e.get();
    }

    private static JsonNode awaitRunning(String name) throws Exception {
        AtomicReference<JsonNode> c = new AtomicReference<>();
        waitFor(name + " to run", Duration.ofSeconds(60), () -> {
            c.set(json(get("/api/v1/teams/dlv/components/" + name, ADMIN_TOKEN)));
            return c.get().path("state").asText().equals("running");
        });
        return c.get();
    }

    /** A GET over TLS with SNI; the presented certificate's subject, a newline, then the response. */
    static String https(int port, String name) throws Exception {
        io.kato.gateway.testing.TlsClient.Answer a = io.kato.gateway.testing.TlsClient.get(port, name);
        return a.subject() + "\n" + a.response();
    }

    /** A GET through the gateway with the component's domain as Host; "status body". */
    static String viaGateway(String url) throws IOException {
        return viaGateway(url, null);
    }

    /** The same, with one more header line ({@code "Name: value"}), or none. */
    static String viaGateway(String url, String header) throws IOException {
        URI u = URI.create(url);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), u.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + u.getPath() + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
                    + "\r\nConnection: close\r\n" + (header == null ? "" : header + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String status = text.substring(text.indexOf(' ') + 1, text.indexOf(' ') + 4);
            return status + " " + (split < 0 ? "" : text.substring(split + 4));
        }
    }

    @Test
    public void aRepositoryIsServedThroughTheGatewayThenUpgradedRolledBackAndScaled() throws Exception {
        Path repo = repository(Map.of("app.py", pythonApp("one"), "requirements.txt", "# stdlib only\n"));
        component("py", repo, 5000);
        JsonNode first = build("py", 120);
        assertEquals("version 1", first.path("message").asText());
        assertEquals(202, send("POST", "/api/v1/teams/dlv/components/py/start", ADMIN_TOKEN, "", null).statusCode());
        JsonNode running = awaitRunning("py");
        String url = running.path("urls").get(0).asText();
        assertEquals("http://py-dlv.localhost:" + System.getProperty("kato.itest.gateway.port") + "/", url);
        assertEquals(1, running.path("deployedVersion").asInt());
        String firstPage = viaGateway(url);
        assertTrue(firstPage + " while " + json(get("/api/v1/teams/dlv/components/py", ADMIN_TOKEN)),
                firstPage.startsWith("200 one "));

        // Upgrade to a new commit while a client keeps asking: no request may fail.
        commit(repo, Map.of("app.py", pythonApp("two")));
        // The second build's log, followed as server-sent events until the build ends.
        HttpResponse<String> queued = send("POST", "/api/v1/teams/dlv/components/py/build", ADMIN_TOKEN, "", null);
        assertEquals(queued.body(), 202, queued.statusCode());
        java.util.List<String> events = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create(base() + "/api/v1/teams/dlv/events/" + json(queued).path("id").asText()
                        + "/log?follow=true")).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofLines()).body().toList();
        assertTrue(events.toString(), events.contains("data: Version 2 built") || events.stream()
                .anyMatch(l -> l.startsWith("data: ") && l.contains("Version 2")));
        assertTrue(events.toString(), events.stream().anyMatch(l -> l.startsWith("data: $ sh -c")));
        assertEquals(events.toString(), "event: end", events.get(events.size() - 3));
        assertTrue(events.toString(), events.get(events.size() - 2).contains("\"status\":\"succeeded\""));
        assertEquals(2, json(get("/api/v1/teams/dlv/components/py/versions", ADMIN_TOKEN)).path("total").asInt());
        assertTrue("a build alone changes nothing that runs", viaGateway(url).startsWith("200 one "));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        java.util.List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread client = new Thread(() -> {
            while (!done.get()) {
                try {
                    String r = viaGateway(url);
                    if (r.startsWith("200 ")) {
                        seen.add(r.substring(4, 7));
                        answered.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                        failed.add(r);
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                    failed.add(e.toString());
                }
            }
        });
        client.start();
        JsonNode upgraded = operate("py", "upgrade", "");
        Thread.sleep(500);
        done.set(true);
        client.join();
        assertEquals("requests lost during the upgrade (of " + answered.get() + "): " + failed, 0, failures.get());
        assertTrue(seen.toString(), seen.contains("one") && seen.contains("two"));
        assertTrue(viaGateway(url).startsWith("200 two "));
        assertTrue(upgraded.toString(), upgraded.path("message").asText().contains("ready"));

        // Rollback to version 1 returns the old body.
        operate("py", "rollback", "{\"version\":1}");
        assertTrue(viaGateway(url).startsWith("200 one "));
        assertEquals(1, json(get("/api/v1/teams/dlv/components/py", ADMIN_TOKEN)).path("deployedVersion").asInt());
        HttpResponse<String> noSuch = send("POST", "/api/v1/teams/dlv/components/py/rollback", ADMIN_TOKEN,
                "{\"version\":42}", null);
        assertEquals(404, noSuch.statusCode());

        // Scale to three: requests spread over the three instances.
        operate("py", "scale", "{\"instances\":3}");
        Set<String> ports = new java.util.HashSet<>();
        for (int i = 0; i < 30; i++) {
            ports.add(viaGateway(url).substring(8));
        }
        assertEquals(ports.toString(), 3, ports.size());

        // An instance's log over REST and the shell (the app logs nothing; the runtime's own lines do not mix in).
        String instance = json(get("/api/v1/teams/dlv/components/py", ADMIN_TOKEN)).path("runningInstances").get(0)
                .path("id").asText();
        HttpResponse<String> log = get("/api/v1/teams/dlv/components/py/instances/" + instance + "/log?lines=5",
                ADMIN_TOKEN);
        assertEquals(log.body(), 200, log.statusCode());
        assertEquals(404, get("/api/v1/teams/dlv/components/py/instances/..%2Fsecret/log", ADMIN_TOKEN).statusCode());
        assertEquals(400, get("/api/v1/teams/dlv/components/py/instances/" + instance + "/log?lines=0", ADMIN_TOKEN)
                .statusCode());
        String shellLog = executeCommand("kato:instance-log dlv py nosuch-1");
        assertTrue(shellLog, shellLog.contains("has no instance 'nosuch-1'"));

        // An instance killed comes back.
        ProcessHandle victim = ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
                .contains("app.py") && p.info().command().orElse("").contains("python")).findFirst().orElseThrow();
        victim.destroyForcibly();
        waitFor("the killed instance to come back", Duration.ofSeconds(30), () -> {
            JsonNode c = json(get("/api/v1/teams/dlv/components/py", ADMIN_TOKEN));
            int restarts = 0;
            for (JsonNode i : c.path("runningInstances")) {
                restarts += i.path("restarts").asInt();
            }
            return restarts >= 1 && c.path("state").asText().equals("running");
        });

        // A readiness probe that never passes: the rollout stalls with the old instances serving, and says why.
        String probe = "[{\"purpose\":\"readiness\",\"kind\":\"%s\",\"target\":\"%s\",\"periodSeconds\":1,"
                + "\"timeoutSeconds\":1,\"successThreshold\":1,\"failureThreshold\":1}]";
        assertEquals(400, send("PUT", "/api/v1/teams/dlv/components/py/probes", ADMIN_TOKEN,
                String.format(probe, "http", "health"), null).statusCode());
        HttpResponse<String> set = send("PUT", "/api/v1/teams/dlv/components/py/probes", ADMIN_TOKEN,
                String.format(probe, "cmd", "false"), null);
        assertEquals(set.body(), 200, set.statusCode());
        assertEquals("readiness", json(get("/api/v1/teams/dlv/components/py/probes", ADMIN_TOKEN)).get(0)
                .path("purpose").asText());
        HttpResponse<String> restart = send("POST", "/api/v1/teams/dlv/components/py/restart", ADMIN_TOKEN, "", null);
        assertEquals(restart.body(), 202, restart.statusCode());
        waitFor("the stalled rollout to say why", Duration.ofSeconds(30), () -> {
            JsonNode c = json(get("/api/v1/teams/dlv/components/py", ADMIN_TOKEN));
            return c.path("state").asText().equals("upgrading")
                    && c.path("runningInstances").toString().contains("readiness probe (cmd): 'false' exited with 1");
        });
        assertTrue("the old instances still serve", viaGateway(url).startsWith("200 one "));
        assertEquals(200, send("PUT", "/api/v1/teams/dlv/components/py/probes", ADMIN_TOKEN, "[]", null).statusCode());
        operate("py", "restart", "");
        JsonNode overtaken = json(get("/api/v1/teams/dlv/events/" + json(restart).path("id").asText(), ADMIN_TOKEN));
        assertEquals("failed", overtaken.path("status").asText());
        assertTrue(overtaken.toString(), overtaken.path("message").asText().contains("Overtaken by a later restart"));

        // Stopped: the gateway says so as a problem.
        assertEquals(202, send("POST", "/api/v1/teams/dlv/components/py/stop", ADMIN_TOKEN, "", null).statusCode());
        waitFor("the stop", Duration.ofSeconds(30), () -> viaGateway(url).startsWith("503 ")
                && viaGateway(url).contains("is not running: start it"));
        assertTrue(viaGateway("http://nothing-dlv.localhost:" + System.getProperty("kato.itest.gateway.port") + "/")
                .startsWith("404 "));
    }

    /** Serves its config file's text and how many requests its data volume has seen (one line each). */
    private static final String VOLUME_APP = pythonServer(""
            + "        seen = os.path.join(os.environ['KATO_VOLUME_DATA'], 'seen')\n"
            + "        with open(seen, 'a') as f:\n"
            + "            f.write('x\\n')\n"
            + "        with open(seen) as f:\n"
            + "            count = len(f.readlines())\n"
            + "        with open(os.environ['KATO_VOLUME_CONF']) as f:\n"
            + "            conf = f.read().strip()\n"
            + "        body = (conf + ' ' + str(count)).encode()\n");

    @Test
    public void volumesAndConfigFilesReachInstancesKeepDataAcrossRestartsAndGoWithTheComponent() throws Exception {
        Path repo = repository(Map.of("app.py", VOLUME_APP, "requirements.txt", "# stdlib only\n"));
        component("vol", repo, 8080);
        String base = "/api/v1/teams/dlv/components/vol";
        HttpResponse<String> conf = send("PUT", base + "/volumes/conf", ADMIN_TOKEN,
                "{\"type\":\"config_file\",\"path\":\"/etc/vol/app.conf\",\"content\":\"greeting=hello\\n\"}", null);
        assertEquals(conf.body(), 200, conf.statusCode());
        String set = executeCommand("kato:volume-set --path /srv/data --size 128 dlv vol data");
        assertTrue(set, set.contains("Volume data (share_file) at /srv/data on vol, 128 MB"));
        HttpResponse<String> local = send("PUT", base + "/volumes/db", ADMIN_TOKEN,
                "{\"type\":\"local\",\"path\":\"/var/db\"}", null);
        assertEquals(local.body(), 400, local.statusCode());
        assertTrue(local.body(), local.body().contains("stateful") && local.body().contains("\"field\":\"type\""));
        String listed = executeCommand("kato:volumes dlv vol");
        assertTrue(listed, listed.contains("config_file") && listed.contains("15 bytes") && !listed.contains("db"));

        build("vol", 120);
        assertEquals(202, send("POST", base + "/start", ADMIN_TOKEN, "", null).statusCode());
        String url = awaitRunning("vol").path("urls").get(0).asText();
        assertEquals("200 greeting=hello 1", viaGateway(url));
        assertEquals("200 greeting=hello 2", viaGateway(url));
        assertEquals(200, send("PUT", base + "/volumes/conf", ADMIN_TOKEN,
                "{\"type\":\"config_file\",\"path\":\"/etc/vol/app.conf\",\"content\":\"greeting=bye\"}", null)
                .statusCode());
        operate("vol", "restart", "");
        assertEquals("a restart reads the new file; the data is kept", "200 greeting=bye 3", viaGateway(url));

        // autoscaling: stored and shown here, applied by the kubernetes runtime
        HttpResponse<String> rule = send("PUT", base + "/autoscaling", ADMIN_TOKEN,
                "{\"minInstances\":1,\"maxInstances\":3,\"metric\":\"memory\",\"target\":4096}", null);
        assertEquals(rule.body(), 400, rule.statusCode());
        assertTrue(rule.body(), rule.body().contains("the component's memory"));
        String scaled = executeCommand("kato:autoscaling --max 3 --metric memory --target 200 dlv vol");
        assertTrue(scaled, scaled.contains("1 to 3 instances, holding 200 MB of memory per instance"));
        assertEquals(200, get(base + "/autoscaling", ADMIN_TOKEN).statusCode());
        assertEquals(204, send("DELETE", base + "/autoscaling", ADMIN_TOKEN, null, null).statusCode());
        HttpResponse<String> none = get(base + "/autoscaling", ADMIN_TOKEN);
        assertEquals(404, none.statusCode());
        assertTrue(none.body(), none.body().contains("no autoscaling rule"));

        assertEquals(202, send("POST", base + "/stop", ADMIN_TOKEN, "", null).statusCode());
        waitFor("vol to stop", Duration.ofSeconds(30), () -> json(get(base, ADMIN_TOKEN)).path("state").asText()
                .equals("closed"));
        String id = json(get(base, ADMIN_TOKEN)).path("id").asText();
        Path data = Path.of(System.getProperty("karaf.data"), "kato", "volumes", id);
        assertTrue("a stopped component keeps its data", Files.exists(data.resolve("data/data/seen")));
        assertEquals(204, send("DELETE", base, ADMIN_TOKEN, null, null).statusCode());
        waitFor("the deleted component's data to go", Duration.ofSeconds(30), () -> !Files.exists(data));
    }

    /** Serves what its init plugin and its general plugin wrote into the shared volume, "none" for what is missing. */
    private static final String PLUGGED_APP = pythonServer(""
            + "        parts = []\n"
            + "        for name in ('init.txt', 'general.txt'):\n"
            + "            p = os.path.join(os.environ['KATO_VOLUME_DATA'], name)\n"
            + "            parts.append(open(p).read().strip() if os.path.exists(p) else 'none')\n"
            + "        body = '|'.join(parts).encode()\n");

    /** The general plugin: writes the env it sees, and fetches its config by active discovery, every second. */
    private static final String WATCH = "while true; do echo \"$APP_MODE $LEVEL\" > \"$KATO_VOLUME_DATA/general.txt\";"
            + " python3 -c 'import os, urllib.request as u; e = os.environ; r = u.Request(e[\"KATO_DISCOVERY_URL\"],"
            + " headers={\"Authorization\": \"Bearer \" + e[\"KATO_DISCOVERY_TOKEN\"]});"
            + " open(e[\"KATO_VOLUME_DATA\"] + \"/discovery.json\", \"wb\").write(u.urlopen(r).read())'; sleep 1; done";

    private static io.kato.image.testing.RegistryServer pluginRegistry;

    @Test
    public void pluginsRunBesideTheComponentAreConfiguredByDiscoveryAndGoWhenUninstalled() throws Exception {
        if (pluginRegistry == null) {
            Path dir = Files.createTempDirectory("kato-itest-plugins");
            io.kato.image.testing.OciLayout layout = new io.kato.image.testing.OciLayout(dir.resolve("layout"));
            layout.tag("1", layout.image("linux", System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64",
                    "{\"Cmd\":[\"/agent\"]}"));
            pluginRegistry = io.kato.image.testing.RegistryServer.start(dir.resolve("open"),
                    io.kato.image.testing.RegistryServer.Mode.OPEN);
            pluginRegistry.push(layout, "1", "tools/agent");
            io.kato.image.testing.RegistryServer r = pluginRegistry;
            Runtime.getRuntime().addShutdownHook(new Thread(r::close));
        }
        String image = pluginRegistry.address() + "/tools/agent:1";
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        HttpResponse<String> seed = send("POST", "/api/v1/teams/dlv/plugins", ADMIN_TOKEN, mapper.writeValueAsString(
                Map.of("name", "seed", "type", "init", "image", image, "insecure", true, "memoryMb", 16,
                        "localCommand", "echo \"$GREETING from init\" > \"$KATO_VOLUME_DATA/init.txt\"",
                        "configGroups", java.util.List.of(Map.of("name", "basics", "items", java.util.List.of(
                                Map.of("name", "GREETING", "defaultValue", "hello")))))), null);
        assertEquals(seed.body(), 201, seed.statusCode());
        HttpResponse<String> watch = send("POST", "/api/v1/teams/dlv/plugins", ADMIN_TOKEN, mapper.writeValueAsString(
                Map.of("name", "watch", "type", "general", "image", image, "insecure", true, "localCommand", WATCH,
                        "configGroups", java.util.List.of(
                                Map.of("name", "basics", "items", java.util.List.of(Map.of("name", "LEVEL", "type",
                                        "single", "allowed", java.util.List.of("info", "debug"), "defaultValue",
                                        "info"))),
                                Map.of("name", "ports", "metadata", "component_port", "items", java.util.List.of(
                                        Map.of("name", "limit", "defaultValue", "10")))))), null);
        assertEquals(watch.body(), 201, watch.statusCode());
        HttpResponse<String> wrong = send("POST", "/api/v1/teams/dlv/plugins", ADMIN_TOKEN,
                "{\"name\":\"bad\",\"type\":\"init\",\"image\":\"" + image + "\",\"configGroups\":[{\"name\":\"g\","
                        + "\"metadata\":\"component_port\",\"items\":[{\"name\":\"x\"}]}]}", null);
        assertEquals(wrong.body(), 400, wrong.statusCode());
        assertTrue(wrong.body(), wrong.body().contains("configGroups[0].metadata"));

        HttpResponse<String> building = send("POST", "/api/v1/teams/dlv/plugins/seed/build", ADMIN_TOKEN, "", null);
        assertEquals(building.body(), 202, building.statusCode());
        String built = executeCommand("kato:plugin-build dlv watch");
        assertTrue(built, built.contains("Version 1 succeeded") && built.contains("Reading " + image));
        waitFor("seed to build", Duration.ofSeconds(60), () -> json(get("/api/v1/teams/dlv/plugins/seed/versions/1",
                ADMIN_TOKEN)).path("status").asText().equals("succeeded"));

        Path repo = repository(Map.of("app.py", PLUGGED_APP, "requirements.txt", "# stdlib only\n"));
        component("plugged", repo, 5000);
        String base = "/api/v1/teams/dlv/components/plugged";
        assertEquals(200, send("PUT", base + "/volumes/data", ADMIN_TOKEN,
                "{\"type\":\"share_file\",\"path\":\"/srv/data\"}", null).statusCode());
        assertEquals(200, send("PUT", base + "/env/APP_MODE", ADMIN_TOKEN, "{\"value\":\"prod\"}", null)
                .statusCode());
        HttpResponse<String> badValue = send("PUT", base + "/plugins/seed", ADMIN_TOKEN,
                "{\"values\":{\"NOPE\":\"1\"}}", null);
        assertEquals(badValue.body(), 400, badValue.statusCode());
        assertTrue(badValue.body(), badValue.body().contains("values.NOPE") && badValue.body().contains("GREETING"));
        HttpResponse<String> installed = send("PUT", base + "/plugins/seed", ADMIN_TOKEN,
                "{\"values\":{\"GREETING\":\"hi\"}}", null);
        assertEquals(installed.body(), 200, installed.statusCode());
        String shellInstall = executeCommand("kato:plugin-install --set LEVEL=debug --port-set 5000:limit=5 dlv"
                + " plugged watch");
        assertTrue(shellInstall, shellInstall.contains("Plugin watch version 1 (general) on plugged: active"));
        String refused = executeCommand("kato:plugin-install --set LEVEL=loud dlv plugged watch");
        assertTrue(refused, refused.contains("LEVEL") && refused.contains("debug"));

        build("plugged", 120);
        assertEquals(202, send("POST", base + "/start", ADMIN_TOKEN, "", null).statusCode());
        String url;
        try {
            url = awaitRunning("plugged").path("urls").get(0).asText();
        } catch (AssertionError e) {
            JsonNode c = json(get(base, ADMIN_TOKEN));
            throw new AssertionError(e.getMessage() + ": " + c + "\n" + get(base + "/instances/"
                    + c.path("instances").path(0).path("id").asText() + "/log", ADMIN_TOKEN).body());
        }
        waitFor("both plugins' files", Duration.ofSeconds(30), () -> viaGateway(url).equals("200 hi from init|prod debug"));
        String id = json(get(base, ADMIN_TOKEN)).path("id").asText();
        Path data = Path.of(System.getProperty("karaf.data"), "kato", "volumes", id, "data", "data");
        waitFor("the plugin's discovery", Duration.ofSeconds(30), () -> Files.exists(data.resolve("discovery.json")));
        JsonNode discovered = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Files.readString(data.resolve("discovery.json")));
        assertEquals(discovered.toString(), "5", discovered.path("base_ports").get(0).path("options").path("limit")
                .asText());
        HttpResponse<String> noToken = get("/api/v1/discovery/dlv/plugged/watch", ADMIN_TOKEN);
        assertEquals("a user's token is not the installation's", 401, noToken.statusCode());
        String listed = executeCommand("kato:component-plugins dlv plugged");
        assertTrue(listed, listed.contains("seed") && listed.contains("watch") && listed.contains("active"));

        org.osgi.framework.Bundle general = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName().equals("kato-plugin-general")).findFirst().orElseThrow();
        general.stop();
        try {
            waitFor("watch to be type_unavailable", Duration.ofSeconds(30), () -> get(base + "/plugins", ADMIN_TOKEN)
                    .body().contains("\"type_unavailable\""));
            assertEquals(200, get(base, ADMIN_TOKEN).statusCode());
        } finally {
            general.start();
        }
        waitFor("watch to be active again", Duration.ofSeconds(30), () -> !get(base + "/plugins", ADMIN_TOKEN).body()
                .contains("\"type_unavailable\""));

        assertEquals(204, send("DELETE", base + "/plugins/seed", ADMIN_TOKEN, null, null).statusCode());
        Files.delete(data.resolve("init.txt"));
        operate("plugged", "restart", "");
        waitFor("the restart without the init plugin", Duration.ofSeconds(30),
                () -> viaGateway(url).equals("200 none|prod debug"));
        HttpResponse<String> stillInstalled = send("DELETE", "/api/v1/teams/dlv/plugins/watch", ADMIN_TOKEN, null,
                null);
        assertEquals(stillInstalled.body(), 409, stillInstalled.statusCode());
        assertEquals(204, send("DELETE", "/api/v1/teams/dlv/plugins/seed", ADMIN_TOKEN, null, null).statusCode());
    }

    /** Answers "ok" and prints each path it serves, for the log collector to forward. */
    private static final String NOISY_APP = pythonServer(""
            + "        print('served ' + self.path, flush=True)\n"
            + "        body = b'ok'\n");

    @Test
    public void theDefaultPluginsMeasureGuardAndCollectLogsOfAComponent() throws Exception {
        HttpResponse<String> defaults = get("/api/v1/default-plugins", ADMIN_TOKEN);
        assertTrue(defaults.body(), defaults.body().contains("\"perf-analyze\"")
                && defaults.body().contains("\"log-collector\"") && defaults.body().contains("\"net-governance\""));
        assertEquals(201, send("POST", "/api/v1/teams/dlv/default-plugins/perf-analyze", ADMIN_TOKEN, "", null)
                .statusCode());
        assertEquals(201, send("POST", "/api/v1/teams/dlv/default-plugins/log-collector", ADMIN_TOKEN,
                "{\"name\":\"syslog\"}", null).statusCode());
        String added = executeCommand("kato:plugin-add-default dlv net-governance");
        assertTrue(added, added.contains("Plugin net-governance (governance) added to team dlv"));
        HttpResponse<String> unknown = send("POST", "/api/v1/teams/dlv/default-plugins/nope", ADMIN_TOKEN, "", null);
        assertEquals(unknown.body(), 404, unknown.statusCode());
        for (String plugin : java.util.List.of("perf-analyze", "syslog", "net-governance")) {
            waitFor(plugin + " to build", Duration.ofSeconds(30), () -> json(get("/api/v1/teams/dlv/plugins/" + plugin
                    + "/versions/1", ADMIN_TOKEN)).path("status").asText().equals("succeeded"));
        }

        Path repo = repository(Map.of("app.py", NOISY_APP, "requirements.txt", "# stdlib only\n"));
        component("measured", repo, 5000);
        String base = "/api/v1/teams/dlv/components/measured";
        try (java.net.DatagramSocket syslog = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            syslog.setSoTimeout(1000);
            assertEquals(200, send("PUT", base + "/plugins/perf-analyze", ADMIN_TOKEN, "{}", null).statusCode());
            HttpResponse<String> collector = send("PUT", base + "/plugins/syslog", ADMIN_TOKEN,
                    "{\"values\":{\"SYSLOG_PORT\":\"" + syslog.getLocalPort() + "\",\"LOG_TAG\":\"measured\"}}", null);
            assertEquals(collector.body(), 200, collector.statusCode());
            build("measured", 120);
            assertEquals(202, send("POST", base + "/start", ADMIN_TOKEN, "", null).statusCode());
            String url = awaitRunning("measured").path("urls").get(0).asText();
            assertEquals("200 ok", viaGateway(url + "first"));

            // the log collector: the app's own line arrives at the syslog server, tagged
            StringBuilder received = new StringBuilder();
            waitFor("the app's log line by syslog", Duration.ofSeconds(30), () -> {
                byte[] buffer = new byte[8192];
                java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
                try {
                    while (true) {
                        syslog.receive(packet);
                        received.append(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
                                .append('\n');
                    }
                } catch (java.net.SocketTimeoutException e) {
                    // drained for now
                }
                return received.toString().contains("served /first");
            });
            assertTrue(received.toString(), received.toString().contains("measured"));

            // performance analysis: the numbers move under load
            for (int i = 0; i < 30; i++) {
                assertEquals("200 ok", viaGateway(url));
            }
            JsonNode before = json(get(base + "/performance", ADMIN_TOKEN));
            long requests = before.path("requests").asLong();
            assertTrue(before.toString(), requests >= 31 && before.path("lastMinute").path("requests").asLong() >= 31);
            assertTrue(before.toString(), before.path("lastMinute").path("meanResponseMillis").asDouble() > 0);
            for (int i = 0; i < 20; i++) {
                viaGateway(url);
            }
            JsonNode after = json(get(base + "/performance", ADMIN_TOKEN));
            assertEquals(after.toString(), requests + 20, after.path("requests").asLong());
            assertTrue(after.toString(), after.path("lastMinute").path("throughputPerSecond").asDouble()
                    > before.path("lastMinute").path("throughputPerSecond").asDouble());
            HttpResponse<String> prometheus = get("/api/v1/metrics", ADMIN_TOKEN);
            String type = prometheus.headers().firstValue("Content-Type").orElse("");
            assertTrue(type, type.startsWith("text/plain") && type.contains("version=0.0.4"));
            assertTrue(prometheus.body(), prometheus.body().contains(
                    "kato_gateway_requests_total{team=\"dlv\",component=\"measured\"} " + (requests + 20)));
            String shown = executeCommand("kato:performance dlv measured");
            assertTrue(shown, shown.contains("last 60 s") && shown.contains(String.valueOf(requests + 20)));

            // network governance: addresses and a rate limit, applied by the gateway
            HttpResponse<String> notAnAddress = send("PUT", base + "/plugins/net-governance", ADMIN_TOKEN,
                    "{\"values\":{\"ALLOW\":\"intranet.example.org\"}}", null);
            assertEquals(notAnAddress.body(), 400, notAnAddress.statusCode());
            assertTrue(notAnAddress.body(), notAnAddress.body().contains("values.ALLOW"));
            String denied = executeCommand("kato:plugin-install --set DENY=127.0.0.0/8 dlv measured net-governance");
            assertTrue(denied, denied.contains("active"));
            waitFor("the gateway to refuse 127.0.0.1", Duration.ofSeconds(30), () -> viaGateway(url).startsWith("403 "));
            executeCommand("kato:plugin-install --set DENY= --set RATE_LIMIT=2 dlv measured net-governance");
            waitFor("the rate limit", Duration.ofSeconds(30), () -> {
                int limited = 0;
                for (int i = 0; i < 10; i++) {
                    limited += viaGateway(url).startsWith("429 ") ? 1 : 0;
                }
                return limited > 0;
            });
            assertEquals(204, send("DELETE", base + "/plugins/net-governance", ADMIN_TOKEN, null, null).statusCode());
            waitFor("no limit once uninstalled", Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 10; i++) {
                    if (!viaGateway(url).equals("200 ok")) {
                        return false;
                    }
                }
                return true;
            });
            executeCommand("kato:component-stop dlv measured");
        }
    }

    /** Connects to its dependency at the address in its env and answers what it received. */
    private static final String DEPENDENT_APP = pythonServer(""
            + "        import socket\n"
            + "        e = os.environ\n"
            + "        s = socket.create_connection((e['MYSQL_HOST'], int(e['MYSQL_PORT'])), timeout=5)\n"
            + "        greeting = s.recv(100).decode().strip()\n"
            + "        s.close()\n"
            + "        body = '|'.join([e.get('MYSQL_USER', ''), e.get('MYSQL_PASSWORD', ''),"
            + " e.get('KATO_DEPENDENCIES', ''), greeting]).encode()\n");

    /** An outside service on loopback: greets each connection, until closed. */
    private static java.net.ServerSocket greeter(int port) throws IOException {
        java.net.ServerSocket server = new java.net.ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    client.getOutputStream().write("hello from mysql\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // closed, or the client went
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    public void anOutsideServiceRegisteredByApiGivesItsConnectionInformationToADependent() throws Exception {
        HttpResponse<String> methods = get("/api/v1/registration-methods", ADMIN_TOKEN);
        assertTrue(methods.body(), methods.body().contains("\"static\"") && methods.body().contains("\"api\""));
        java.net.ServerSocket mysql = greeter(0);
        int port = mysql.getLocalPort();
        try {
            HttpResponse<String> noPort = send("POST", "/api/v1/teams/dlv/third-party-components", ADMIN_TOKEN,
                    "{\"name\":\"mysql\",\"app\":\"web\",\"method\":\"api\"}", null);
            assertEquals(noPort.body(), 400, noPort.statusCode());
            assertTrue(noPort.body(), noPort.body().contains("exactly one port"));
            HttpResponse<String> made = send("POST", "/api/v1/teams/dlv/third-party-components", ADMIN_TOKEN,
                    "{\"name\":\"mysql\",\"app\":\"web\",\"method\":\"api\",\"port\":{\"port\":3306,"
                            + "\"protocol\":\"mysql\",\"alias\":\"MYSQL\"},\"health\":{\"kind\":\"tcp\","
                            + "\"periodSeconds\":1,\"failureThreshold\":1}}", null);
            assertEquals(made.body(), 201, made.statusCode());
            String key = json(made).path("registration").path("secretKey").asText();
            assertTrue(made.body(), key.startsWith("kato-endpoints-"));
            HttpResponse<String> secondPort = send("PUT", "/api/v1/teams/dlv/components/mysql/ports/3307",
                    ADMIN_TOKEN, "{\"protocol\":\"tcp\"}", null);
            assertEquals(secondPort.body(), 400, secondPort.statusCode());
            for (var env : Map.of("MYSQL_USER", "{\"value\":\"kato\",\"scope\":\"connection\"}", "MYSQL_PASSWORD",
                    "{\"value\":\"s3cret\",\"scope\":\"connection\",\"secret\":true}").entrySet()) {
                HttpResponse<String> put = send("PUT", "/api/v1/teams/dlv/components/mysql/env/" + env.getKey(),
                        ADMIN_TOKEN, env.getValue(), null);
                assertEquals(put.body(), 200, put.statusCode());
            }

            // the outside world pushes its instance with the key, no user token
            String endpoints = "/api/v1/teams/dlv/components/mysql/endpoints";
            HttpResponse<String> wrong = send("PUT", endpoints, null, "{\"secret_key\":\"kato-endpoints-nope\","
                    + "\"ip\":\"127.0.0.1:" + port + "\",\"is_online\":true}", null);
            assertEquals(wrong.body(), 401, wrong.statusCode());
            HttpResponse<String> pushed = send("PUT", endpoints, null, "{\"secret_key\":\"" + key + "\",\"ip\":"
                    + "\"127.0.0.1:" + port + "\",\"is_online\":true}", null);
            assertEquals(pushed.body(), 200, pushed.statusCode());
            assertTrue(pushed.body(), pushed.body().contains("127.0.0.1:" + port));
            waitFor("mysql to run", Duration.ofSeconds(30), () -> json(get(
                    "/api/v1/teams/dlv/components/mysql/registration", ADMIN_TOKEN)).path("status").asText()
                    .equals("running"));

            // a dependent: gets the connection information at its start
            Path repo = repository(Map.of("app.py", DEPENDENT_APP, "requirements.txt", "# stdlib only\n"));
            component("shop-api", repo, 5000);
            String added = executeCommand("kato:dependencies --add mysql dlv shop-api");
            assertTrue(added, added.contains("shop-api depends on mysql") && added.contains("MYSQL_HOST"));
            HttpResponse<String> cycle = send("PUT", "/api/v1/teams/dlv/components/mysql/dependencies/shop-api",
                    ADMIN_TOKEN, "", null);
            assertEquals(cycle.body(), 400, cycle.statusCode());
            assertTrue(cycle.body(), cycle.body().contains("mysql -> shop-api -> mysql"));
            build("shop-api", 120);
            assertEquals(202, send("POST", "/api/v1/teams/dlv/components/shop-api/start", ADMIN_TOKEN, "", null)
                    .statusCode());
            String url = awaitRunning("shop-api").path("urls").get(0).asText();
            assertEquals("200 kato|s3cret|mysql|hello from mysql", viaGateway(url));

            // a change of connection information shows as stale until the dependent restarts
            assertEquals(200, send("PUT", "/api/v1/teams/dlv/components/mysql/env/MYSQL_USER", ADMIN_TOKEN,
                    "{\"value\":\"kato2\",\"scope\":\"connection\"}", null).statusCode());
            JsonNode dependents = json(get("/api/v1/teams/dlv/components/mysql/dependents", ADMIN_TOKEN));
            assertTrue(dependents.toString(), dependents.get(0).path("stale").asBoolean());
            String stale = executeCommand("kato:dependencies --dependents dlv mysql");
            assertTrue(stale, stale.contains("stale: restart it"));
            operate("shop-api", "restart", "");
            waitFor("the restart with the new user", Duration.ofSeconds(60),
                    () -> viaGateway(url).startsWith("200 kato2|"));
            assertFalse(json(get("/api/v1/teams/dlv/components/mysql/dependents", ADMIN_TOKEN)).get(0).path("stale")
                    .asBoolean());

            // topology: the dependent and what it depends on, as JSON, SVG and in the shell
            JsonNode topology = json(get("/api/v1/teams/dlv/apps/web/topology", ADMIN_TOKEN));
            assertTrue(topology.toString(), topology.path("edges").toString().contains(
                    "{\"from\":\"shop-api\",\"to\":\"mysql\"}"));
            HttpResponse<String> svg = get("/api/v1/teams/dlv/apps/web/topology?format=svg", ADMIN_TOKEN);
            assertTrue(svg.body(), svg.body().startsWith("<svg") && svg.body().contains("data-component=\"mysql\""));
            String shown = executeCommand("kato:topology dlv web");
            assertTrue(shown, shown.contains("shop-api") && shown.contains("mysql") && shown.contains("third_party"));

            // the key rotates; a health flap takes the endpoint offline and back
            String rotated = executeCommand("kato:registration --rotate-key dlv mysql");
            assertTrue(rotated, rotated.contains("New secret key (shown once): kato-endpoints-"));
            assertEquals(401, send("GET", endpoints, null, "{\"secret_key\":\"" + key + "\"}", null).statusCode());
            mysql.close();
            waitFor("mysql to go abnormal", Duration.ofSeconds(30), () -> json(get(
                    "/api/v1/teams/dlv/components/mysql/registration", ADMIN_TOKEN)).path("status").asText()
                    .equals("abnormal"));
            mysql = greeter(port);
            waitFor("mysql back by itself", Duration.ofSeconds(30), () -> json(get(
                    "/api/v1/teams/dlv/components/mysql/registration", ADMIN_TOKEN)).path("status").asText()
                    .equals("running"));

            // the same service written down by the static method
            String legacy = executeCommand("kato:third-party-create --port " + port + " --protocol mysql"
                    + " --set addresses=127.0.0.1 dlv web legacy-db");
            assertTrue(legacy, legacy.contains("Component legacy-db registered by static on port " + port
                    + " (LEGACY_DB_HOST, LEGACY_DB_PORT)"));
            waitFor("the static endpoint", Duration.ofSeconds(30), () -> json(get(
                    "/api/v1/teams/dlv/components/legacy-db/registration", ADMIN_TOKEN)).path("endpoints").toString()
                    .contains("127.0.0.1:" + port));
            String registration = executeCommand("kato:registration dlv legacy-db");
            assertTrue(registration, registration.contains("registered by static")
                    && registration.contains("127.0.0.1:" + port));
            executeCommand("kato:component-stop dlv shop-api");
        } finally {
            mysql.close();
        }
    }

    @Test
    public void theShellRestartsUpgradesRollsBackAndScales() throws Exception {
        Path repo = repository(Map.of("index.html", "<h1>first</h1>"));
        component("site", repo, 80);
        build("site", 60);
        assertTrue(executeCommand("kato:component-start dlv site").contains("is starting"));
        String url = awaitRunning("site").path("urls").get(0).asText();
        assertEquals("200 <h1>first</h1>", viaGateway(url));
        commit(repo, Map.of("index.html", "<h1>second</h1>"));
        String buildId = build("site", 60).path("id").asText();
        String log = executeCommand("kato:logs --follow dlv " + buildId);
        assertTrue(log, log.contains("Version 2 built") && log.contains("build succeeded"));
        String up = executeCommand("kato:upgrade dlv site");
        assertTrue(up, up.contains("Upgrading to version 2") && up.contains("upgrade succeeded"));
        assertEquals("200 <h1>second</h1>", viaGateway(url));
        String back = executeCommand("kato:rollback dlv site 1");
        assertTrue(back, back.contains("rollback succeeded"));
        assertEquals("200 <h1>first</h1>", viaGateway(url));
        String scaled = executeCommand("kato:scale --instances 2 dlv site");
        assertTrue(scaled, scaled.contains("scale succeeded"));
        String restarted = executeCommand("kato:component-restart dlv site");
        assertTrue(restarted, restarted.contains("restart succeeded"));
        String shown = executeCommand("kato:component-show dlv site");
        assertTrue(shown, shown.contains(url) && shown.contains("runs version") && shown.contains("ready at"));
        String missing = executeCommand("kato:rollback dlv site 9");
        assertTrue(missing, missing.contains("no version 9"));
        executeCommand("kato:component-stop dlv site");
    }

    @Test
    public void aMavenBuiltJavaAppAndANodeAppWithARegistryDependencyAreServedThroughTheGateway() throws Exception {
        Path java = repository(Map.of("pom.xml", "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                + "<modelVersion>4.0.0</modelVersion><groupId>example</groupId><artifactId>hello</artifactId>"
                + "<version>1.0</version><properties><maven.compiler.release>17</maven.compiler.release>"
                + "<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>"
                + "<build><plugins><plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version>"
                + "</plugin><plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.1</version><configuration><archive>"
                + "<manifest><mainClass>example.Main</mainClass></manifest></archive></configuration></plugin>"
                + "</plugins></build></project>",
                "src/main/java/example/Main.java", "package example;\n"
                        + "import com.sun.net.httpserver.HttpServer;\n"
                        + "import java.net.InetSocketAddress;\n"
                        + "public class Main {\n"
                        + "    public static void main(String[] args) throws Exception {\n"
                        + "        int port = Integer.parseInt(System.getenv(\"PORT\"));\n"
                        + "        HttpServer s = HttpServer.create(new InetSocketAddress(\"127.0.0.1\", port), 0);\n"
                        + "        s.createContext(\"/\", x -> { byte[] b = \"java here\".getBytes();\n"
                        + "            x.sendResponseHeaders(200, b.length); x.getResponseBody().write(b); x.close(); });\n"
                        + "        s.start();\n"
                        + "    }\n"
                        + "}\n"));
        component("jv", java, 8080);
        JsonNode built = build("jv", 600);
        assertEquals("version 1", built.path("message").asText());
        assertEquals("maven", json(get("/api/v1/teams/dlv/components/jv/versions", ADMIN_TOKEN)).path("items").get(0)
                .path("strategy").asText());

        Path node = repository(Map.of("package.json", "{\"name\":\"nd\",\"version\":\"1.0.0\","
                + "\"dependencies\":{\"is-number\":\"7.0.0\"},\"scripts\":{\"start\":\"node server.js\"}}",
                "server.js", "const isNumber = require('is-number');\n"
                        + "const server = require('http').createServer((q, s) => s.end('node says '"
                        + " + isNumber(process.env.PORT)));\n"
                        + "server.on('upgrade', (q, socket) => { socket.write('HTTP/1.1 101 Switching Protocols\\r\\n"
                        + "Upgrade: echo\\r\\nConnection: Upgrade\\r\\n\\r\\n'); socket.pipe(socket); });\n"
                        + "server.listen(process.env.PORT, '127.0.0.1');\n"));
        component("nd", node, 3000);
        build("nd", 300);

        for (String name : new String[] {"jv", "nd"}) {
            assertEquals(202, send("POST", "/api/v1/teams/dlv/components/" + name + "/start", ADMIN_TOKEN, "", null)
                    .statusCode());
        }
        assertEquals("200 java here", viaGateway(awaitRunning("jv").path("urls").get(0).asText()));
        String nodeUrl = awaitRunning("nd").path("urls").get(0).asText();
        assertEquals("200 node says true", viaGateway(nodeUrl));
        // an upgraded connection (what a WebSocket is) passes through the gateway both ways
        URI u = URI.create(nodeUrl);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), u.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /live HTTP/1.1\r\nHost: " + u.getHost() + "\r\nUpgrade: echo\r\n"
                    + "Connection: Upgrade\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII));
            String status = in.readLine();
            assertTrue(status, status.startsWith("HTTP/1.1 101"));
            for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                // upgrade headers
            }
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ping", in.readLine());
        }
        for (String name : new String[] {"jv", "nd"}) {
            send("POST", "/api/v1/teams/dlv/components/" + name + "/stop", ADMIN_TOKEN, "", null);
        }

        // A Go service: its strategy is installed; without Go on this host the build says what is missing.
        component("gosvc", repository(Map.of("go.mod", "module example.org/svc\n\ngo 1.22\n",
                "main.go", "package main\n\nfunc main() {}\n")), 8080);
        String id = json(send("POST", "/api/v1/teams/dlv/components/gosvc/build", ADMIN_TOKEN, "", null)).path("id")
                .asText();
        JsonNode b = awaitEnded("the go build", "/api/v1/teams/dlv/components/gosvc/builds/" + id,
                Duration.ofSeconds(120));
        // A build that would take a minute, cancelled from the shell: its step is killed, it ends cancelled.
        component("slow", repository(Map.of("package.json", "{\"name\":\"slow\",\"version\":\"1.0.0\","
                + "\"scripts\":{\"build\":\"node -e \\\"setTimeout(() => {}, 60000)\\\"\",\"start\":\"node -e 1\"}}")),
                3000);
        String slow = json(send("POST", "/api/v1/teams/dlv/components/slow/build", ADMIN_TOKEN, "", null)).path("id")
                .asText();
        waitFor("the slow build's script", Duration.ofSeconds(120), () -> get("/api/v1/teams/dlv/events/" + slow
                + "/log", ADMIN_TOKEN).body().contains("setTimeout"));
        long asked = System.nanoTime();
        String cancel = executeCommand("kato:build-cancel dlv slow " + slow);
        assertTrue(cancel, cancel.contains("cancelling"));
        waitFor("the cancel", Duration.ofSeconds(20), () -> json(get("/api/v1/teams/dlv/components/slow/builds/"
                + slow, ADMIN_TOKEN)).path("status").asText().equals("cancelled"));
        assertTrue("killed, not waited for", System.nanoTime() - asked < 20_000_000_000L);

        boolean hostHasGo = new ProcessBuilder("sh", "-c", "command -v go").start().waitFor() == 0;
        if (hostHasGo) {
            assertEquals(b.toString(), "succeeded", b.path("status").asText());
        } else {
            assertEquals("failed", b.path("status").asText());
            assertTrue(b.toString(), b.path("message").asText().contains("does not have")
                    && b.path("message").asText().contains("go"));
        }
    }

    @Test
    public void customRulesSplitADomainAcrossComponentsByWeightAndHeader() throws Exception {
        assertEquals(201, send("POST", "/api/v1/teams/dlv/apps", ADMIN_TOKEN, "{\"name\":\"pair\"}", null)
                .statusCode());
        for (String name : new String[] {"blue", "green"}) {
            component(name, repository(Map.of("index.html", name)), 80, "pair");
            build(name, 60);
        }
        HttpResponse<String> started = send("POST", "/api/v1/teams/dlv/apps/pair/start", ADMIN_TOKEN, "", null);
        assertEquals(started.body(), 202, started.statusCode());
        assertEquals(2, json(started).size());
        awaitRunning("blue");
        awaitRunning("green");
        String gateway = "http://shop-dlv.localhost:" + System.getProperty("kato.itest.gateway.port");
        HttpResponse<String> made = send("POST", "/api/v1/teams/dlv/gateway-rules", ADMIN_TOKEN,
                "{\"domain\":\"shop-dlv.localhost\",\"backends\":[{\"component\":\"blue\",\"weight\":50},"
                        + "{\"component\":\"green\",\"weight\":50}]}", null);
        assertEquals(made.body(), 201, made.statusCode());
        String canary = executeCommand("kato:gateway-rule-create --header X-Canary=yes --backend green dlv"
                + " shop-dlv.localhost");
        assertTrue(canary, canary.contains("Gateway rule"));
        Set<String> bodies = new java.util.HashSet<>();
        for (int i = 0; i < 40; i++) {
            bodies.add(viaGateway(gateway + "/"));
        }
        assertEquals(Set.of("200 blue", "200 green"), bodies);
        for (int i = 0; i < 10; i++) {
            assertEquals("200 green", viaGateway(gateway + "/", "X-Canary: yes"));
        }
        assertTrue(json(get("/api/v1/teams/dlv/components/green", ADMIN_TOKEN)).path("urls").toString()
                .contains("http://shop-dlv.localhost:"));
        String listed = executeCommand("kato:gateway-rules --no-format dlv");
        assertTrue(listed, listed.contains("x-canary=yes") && listed.contains("blue=50,green=50"));

        HttpResponse<String> foreign = send("POST", "/api/v1/teams/dlv/gateway-rules", ADMIN_TOKEN,
                "{\"domain\":\"shop-elsewhere.localhost\",\"backends\":[{\"component\":\"blue\",\"weight\":1}]}",
                null);
        assertEquals(400, foreign.statusCode());
        assertTrue(foreign.body(), foreign.body().contains("-dlv.localhost"));
        // TLS: a certificate uploaded for the rule's domain is presented by SNI on the HTTPS port.
        io.kato.gateway.testing.SelfSignedCertificate cert = io.kato.gateway.testing.SelfSignedCertificate.forName(
                "shop-dlv.localhost", Files.createTempDirectory("kato-itest-tls"));
        io.kato.gateway.testing.SelfSignedCertificate other = io.kato.gateway.testing.SelfSignedCertificate.forName(
                "else-dlv.localhost", Files.createTempDirectory("kato-itest-tls"));
        String upload = "{\"domain\":\"shop-dlv.localhost\",\"certificate\":" + JSON.writeValueAsString(
                cert.certificatePem()) + ",\"privateKey\":%s}";
        HttpResponse<String> wrongKey = send("POST", "/api/v1/teams/dlv/certificates", ADMIN_TOKEN,
                String.format(upload, JSON.writeValueAsString(other.privateKeyPem())), null);
        assertEquals(400, wrongKey.statusCode());
        assertTrue(wrongKey.body(), wrongKey.body().contains("does not belong to the certificate"));
        HttpResponse<String> uploaded = send("POST", "/api/v1/teams/dlv/certificates", ADMIN_TOKEN,
                String.format(upload, JSON.writeValueAsString(cert.privateKeyPem())), null);
        assertEquals(uploaded.body(), 201, uploaded.statusCode());
        assertTrue("the key is never shown", !uploaded.body().contains("PRIVATE KEY"));
        int tls = Integer.parseInt(System.getProperty("kato.itest.gateway.tls.port"));
        AtomicReference<String> secure = new AtomicReference<>();
        waitFor("HTTPS to open", Duration.ofSeconds(20), () -> {
            try {
                secure.set(https(tls, "shop-dlv.localhost"));
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        assertTrue(secure.get(), secure.get().startsWith("CN=shop-dlv.localhost\nHTTP/1.1 200")
                && (secure.get().endsWith("blue") || secure.get().endsWith("green")));

        String stopped = executeCommand("kato:app-stop dlv pair");
        assertTrue(stopped, stopped.contains("blue: Stopping") && stopped.contains("green: Stopping"));
        waitFor("the app to stop", Duration.ofSeconds(30), () -> viaGateway(gateway + "/").startsWith("503 "));
        HttpResponse<String> deleting = send("DELETE", "/api/v1/teams/dlv/components/blue", ADMIN_TOKEN, null, null);
        assertEquals(409, deleting.statusCode());
        assertTrue(deleting.body(), deleting.body().contains("backend of gateway rule"));
    }
}
