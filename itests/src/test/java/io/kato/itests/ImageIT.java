package io.kato.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kato.image.testing.OciLayout;
import io.kato.image.testing.RegistryServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Components from images on the assembled distribution: an image in a private registry
 * (bearer tokens, a team credential) checked and made a component over REST, a
 * {@code docker run} line and a compose file over REST and the shell, bad input refused
 * with the option or the service and field named, and the local runtime refusing to
 * start an image, naming the kubernetes runtime. Registries are Debian's docker-registry
 * on loopback, filled by skopeo.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ImageIT extends KatoTestSupport {
    private static RegistryServer privateRegistry;
    private static RegistryServer openRegistry;
    private static String webDigest;

    @Before
    public void registries() throws Exception {
        if (privateRegistry != null) {
            return;
        }
        Path dir = Files.createTempDirectory("kato-itest-registry");
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
        OciLayout layout = new OciLayout(dir.resolve("layout"));
        OciLayout.Image web = layout.image("linux", arch,
                "{\"ExposedPorts\":{\"8080/tcp\":{}},\"Cmd\":[\"/srv/web\"],\"Env\":[\"MODE=prod\"]}");
        webDigest = web.digest();
        layout.tag("1", web);
        layout.tag("7", layout.image("linux", arch,
                "{\"ExposedPorts\":{\"6379/tcp\":{}},\"Volumes\":{\"/data\":{}},\"Cmd\":[\"redis-server\"]}"));
        privateRegistry = RegistryServer.start(dir.resolve("private"), RegistryServer.Mode.TOKEN);
        privateRegistry.push(layout, "1", "shop/web");
        openRegistry = RegistryServer.start(dir.resolve("open"), RegistryServer.Mode.OPEN);
        openRegistry.push(layout, "7", "redis");
        // Pax Exam runs each test method on its own, class rules included: the registries
        // serve the whole class and stop with the container's JVM
        RegistryServer first = privateRegistry;
        RegistryServer second = openRegistry;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            first.close();
            second.close();
        }));
        assertEquals(201, send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\":\"img\"}", null).statusCode());
        assertEquals(201, send("POST", "/api/v1/teams/img/apps", ADMIN_TOKEN, "{\"name\":\"shop\"}", null)
                .statusCode());
        assertEquals(201, send("POST", "/api/v1/teams/img/credentials", ADMIN_TOKEN, "{\"name\":\"registry\","
                + "\"type\":\"password\",\"username\":\"" + RegistryServer.USER + "\",\"secret\":\""
                + RegistryServer.PASSWORD + "\"}", null).statusCode());
    }

    private Object service(String type) {
        org.osgi.framework.ServiceReference<?> ref = bundleContext.getServiceReference(type);
        assertTrue("no " + type, ref != null);
        return bundleContext.getService(ref);
    }

    private static JsonNode awaitCheck(String id) throws Exception {
        return awaitEnded("the image check to end", "/api/v1/teams/img/image-checks/" + id, Duration.ofSeconds(60));
    }

    @Test
    public void anImageFromAPrivateRegistryBecomesAComponentTheLocalRuntimeWillNotStart() throws Exception {
        String image = privateRegistry.address() + "/shop/web:1";
        HttpResponse<String> started = send("POST", "/api/v1/teams/img/image-checks", ADMIN_TOKEN,
                "{\"image\":\"" + image + "\",\"credentials\":\"registry\",\"insecure\":true}", null);
        assertEquals(started.body(), 202, started.statusCode());
        JsonNode check = awaitCheck(json(started).path("id").asText());
        assertEquals(check.toString(), "succeeded", check.path("status").asText());
        JsonNode service = check.path("report").path("services").get(0);
        assertEquals(image + "@" + webDigest, service.path("image").asText());
        assertEquals(8080, service.path("ports").get(0).path("port").asInt());

        HttpResponse<String> made = send("POST", "/api/v1/teams/img/image-checks/" + check.path("id").asText()
                + "/components", ADMIN_TOKEN, "{\"app\":\"shop\"}", null);
        assertEquals(made.body(), 201, made.statusCode());
        JsonNode component = json(get("/api/v1/teams/img/components/web", ADMIN_TOKEN));
        assertEquals("image", component.path("sourceKind").asText());
        JsonNode versions = json(get("/api/v1/teams/img/components/web/versions", ADMIN_TOKEN));
        assertEquals(image + "@" + webDigest, versions.path("items").get(0).path("artifact").asText());

        HttpResponse<String> start = send("POST", "/api/v1/teams/img/components/web/start", ADMIN_TOKEN, null, null);
        assertEquals(start.body(), 409, start.statusCode());
        assertTrue(start.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(start.body(), json(start).path("detail").asText().contains("kubernetes runtime"));
        assertFalse(json(get("/api/v1/teams/img/components/web", ADMIN_TOKEN)).path("desiredRunning").asBoolean());

        HttpResponse<String> anonymous = send("POST", "/api/v1/teams/img/image-checks", ADMIN_TOKEN,
                "{\"image\":\"" + image + "\",\"insecure\":true}", null);
        JsonNode refused = awaitCheck(json(anonymous).path("id").asText());
        assertEquals("failed", refused.path("status").asText());
        assertTrue(refused.path("message").asText(), refused.path("message").asText()
                .contains("add a registry credential"));
    }

    @Test
    public void theRuntimesAreListedWithTheirHealth() throws Exception {
        JsonNode runtimes = json(get("/api/v1/runtimes", ADMIN_TOKEN));
        JsonNode local = runtimes.get(0);
        assertEquals(runtimes.toString(), "local", local.path("name").asText());
        assertTrue(local.path("active").asBoolean());
        assertTrue(local.path("up").asBoolean());
        assertFalse("the local runtime runs no images", local.path("runsImages").asBoolean());
        String shell = executeCommand("kato:runtimes");
        assertTrue(shell, shell.contains("local"));
    }

    @Test
    public void theKubernetesRuntimeInstallsAndSaysWhenItsClusterIsAway() throws Exception {
        Path kubeconfig = Files.createTempFile("kato-itest-kubeconfig", ".yaml");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: away\n  cluster:\n"
                + "    server: http://127.0.0.1:" + freePort() + "\ncontexts:\n- name: away\n  context:\n"
                + "    cluster: away\n    user: kato\ncurrent-context: away\nusers:\n- name: kato\n  user:\n"
                + "    token: itest-token\n");
        // as an operator would with feature:install and config:edit (the test's shell session has
        // no operator's roles for those commands), through the same services
        Object features = service("org.apache.karaf.features.FeaturesService");
        features.getClass().getMethod("installFeature", String.class).invoke(features, "kato-kubernetes");
        Object configAdmin = service("org.osgi.service.cm.ConfigurationAdmin");
        Object configuration = configAdmin.getClass().getMethod("getConfiguration", String.class, String.class)
                .invoke(configAdmin, "io.kato.runtime.kubernetes", null);
        java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
        properties.put("kubeconfig", kubeconfig.toString());
        configuration.getClass().getMethod("update", java.util.Dictionary.class).invoke(configuration, properties);
        AtomicReference<JsonNode> kubernetes = new AtomicReference<>();
        waitFor("the kubernetes runtime to register", Duration.ofSeconds(90), () -> {
            for (JsonNode r : json(get("/api/v1/runtimes", ADMIN_TOKEN))) {
                if (r.path("name").asText().equals("kubernetes")) {
                    kubernetes.set(r);
                    return true;
                }
            }
            return false;
        });
        JsonNode k = kubernetes.get();
        assertFalse("local stays the active one", k.path("active").asBoolean());
        assertTrue(k.path("runsImages").asBoolean());
        assertFalse(k.toString(), k.path("up").asBoolean());
        assertTrue(k.toString(), k.path("message").asText().contains("cannot be reached"));

        // a team of its own on the kubernetes runtime, the others staying on the local one
        HttpResponse<String> mars = send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\":\"kube\",\"runtime\":"
                + "\"mars\"}", null);
        assertEquals(mars.body(), 400, mars.statusCode());
        assertTrue(mars.body(), mars.body().contains("'mars' is not a runtime of this server"));
        String made = executeCommand("kato:team-create --runtime kubernetes kube");
        assertTrue(made, made.contains("runtime kubernetes"));
        assertEquals("kubernetes", json(get("/api/v1/teams/kube", ADMIN_TOKEN)).path("runtime").asText());
        assertEquals(201, send("POST", "/api/v1/teams/kube/apps", ADMIN_TOKEN, "{\"name\":\"cache\"}", null)
                .statusCode());
        HttpResponse<String> checked = send("POST", "/api/v1/teams/kube/image-checks", ADMIN_TOKEN,
                "{\"image\":\"" + openRegistry.address() + "/redis:7\",\"insecure\":true}", null);
        JsonNode check = awaitEnded("the image check", "/api/v1/teams/kube/image-checks/" + json(checked).path("id")
                .asText(), Duration.ofSeconds(60));
        assertEquals(201, send("POST", "/api/v1/teams/kube/image-checks/" + check.path("id").asText() + "/components",
                ADMIN_TOKEN, "{\"app\":\"cache\"}", null).statusCode());
        HttpResponse<String> start = send("POST", "/api/v1/teams/kube/components/redis/start", ADMIN_TOKEN, null,
                null);
        assertEquals("the team's runtime runs images", 202, start.statusCode());
        assertEquals("unknown while its cluster is away", "unknown",
                json(get("/api/v1/teams/kube/components/redis", ADMIN_TOKEN)).path("state").asText());
        String moving = executeCommand("kato:team-runtime --default kube");
        assertTrue(moving, moving.contains("stop them first"));
        assertEquals(202, send("POST", "/api/v1/teams/kube/components/redis/stop", ADMIN_TOKEN, null, null)
                .statusCode());
        String back = executeCommand("kato:team-runtime --default kube");
        assertTrue(back, back.contains("runs on the server's active runtime"));
    }

    @Test
    public void composeAndDockerRunFromRestAndShell() throws Exception {
        String compose = "services:\\n  cache:\\n    image: " + openRegistry.address() + "/redis:7\\n"
                + "    environment: {REDIS_PASSWORD: hunter22}\\n  api:\\n    image: " + privateRegistry.address()
                + "/shop/web:1\\n    ports: ['80:8080']\\n    depends_on: [cache]\\n";
        HttpResponse<String> bad = send("POST", "/api/v1/teams/img/image-checks", ADMIN_TOKEN,
                "{\"compose\":\"services:\\n  api: {image: nginx, ports: ['99999:80']}\\n\"}", null);
        assertEquals(bad.body(), 400, bad.statusCode());
        assertTrue(bad.body(), bad.body().contains("service 'api', field 'ports[0]'"));

        HttpResponse<String> started = send("POST", "/api/v1/teams/img/image-checks", ADMIN_TOKEN,
                "{\"compose\":\"" + compose + "\",\"credentials\":\"registry\",\"registry\":\""
                        + privateRegistry.address() + "\",\"insecure\":true}", null);
        assertEquals(started.body(), 202, started.statusCode());
        JsonNode check = awaitCheck(json(started).path("id").asText());
        assertEquals(check.toString(), "succeeded", check.path("status").asText());
        assertFalse("secrets are masked", check.toString().contains("hunter22"));
        JsonNode cache = check.path("report").path("services").get(0);
        assertEquals("stateful_single", cache.path("deployType").asText());
        assertEquals("[\"cache\"]", check.path("report").path("services").get(1).path("dependsOn").toString());

        String created = executeCommand("kato:components-from-image img shop " + check.path("id").asText());
        assertTrue(created, created.contains("Component cache created from " + openRegistry.address()));
        assertTrue(created, created.contains("Component api created"));

        String shown = executeCommand("kato:image-check --insecure --docker-run \"docker run --name queue -e"
                + " QUEUE_TOKEN=s3cr3t -p 6380:6379 " + openRegistry.address() + "/redis:7\" img");
        assertTrue(shown, shown.contains("queue"));
        assertTrue(shown, shown.contains("6379/tcp"));
        assertFalse(shown, shown.contains("s3cr3t"));
        String refused = executeCommand("kato:image-check --docker-run \"docker run --frobnicate x nginx\" img");
        assertTrue(refused, refused.contains("'--frobnicate' is not a docker run option"));
    }
}
