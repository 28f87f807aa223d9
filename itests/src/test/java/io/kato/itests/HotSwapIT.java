package io.kato.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** An admin drops a detector bundle into deploy/ and takes it out again, with no restart. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends KatoTestSupport {

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/io.kato.source.cfg", "allowFileUrls", "true"));
    }

    /** The languages a source check of the repository reports right now. */
    private String languagesOf(Path repo) throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/teams/hot/source-checks", ADMIN_TOKEN,
                "{\"url\":\"" + repo.toUri() + "\"}", null);
        assertEquals(started.body(), 202, started.statusCode());
        String id = json(started).path("id").asText();
        AtomicReference<JsonNode> done = new AtomicReference<>();
        waitFor("the check", Duration.ofSeconds(60), () -> {
            done.set(json(get("/api/v1/teams/hot/source-checks/" + id, ADMIN_TOKEN)));
            return done.get().path("status").asText().equals("succeeded");
        });
        return done.get().path("report").path("languages").toString();
    }

    @Test
    public void aFixtureUnknownBeforeTheDetectorIsDeployedIsDetectedAfterAndUnknownAgainWhenRemoved()
            throws Exception {
        Path repo = Files.createTempDirectory("kato-hot-repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("itest.marker"), "marker");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("marker").setAuthor("Ada", "ada@example.org").call();
        }
        assertEquals(201, send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\":\"hot\"}", null).statusCode());
        assertEquals("[]", languagesOf(repo));

        Path jar = Path.of(System.getProperty("karaf.base"), "deploy", "kato-itest-detector.jar");
        Files.copy(Path.of(System.getProperty("kato.itest.detector")), jar, StandardCopyOption.REPLACE_EXISTING);
        waitFor("the detector", Duration.ofSeconds(30),
                () -> get("/api/v1/languages", ADMIN_TOKEN).body().contains("itest-lang"));
        assertTrue(languagesOf(repo).contains("\"itest-lang\""));

        Files.delete(jar);
        waitFor("the detector to leave", Duration.ofSeconds(30),
                () -> !get("/api/v1/languages", ADMIN_TOKEN).body().contains("itest-lang"));
        assertEquals("[]", languagesOf(repo));
    }

    @Test
    public void hotDeployedDetectorAppearsWithoutRestartAndLeavesWhenRemoved() throws Exception {
        long frameworkStarted = bundleContext.getBundle(0).getLastModified();
        assertFalse(get("/api/v1/languages", ADMIN_TOKEN).body().contains("itest-lang"));

        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Path jar = deploy.resolve("kato-itest-detector.jar");
        Files.copy(Path.of(System.getProperty("kato.itest.detector")), jar, StandardCopyOption.REPLACE_EXISTING);
        waitFor("the detector to appear in GET /api/v1/languages", Duration.ofSeconds(30),
                () -> get("/api/v1/languages", ADMIN_TOKEN).body().contains("itest-lang"));
        String shell = executeCommand("kato:languages --no-format");
        assertTrue(shell, shell.contains("itest-lang") && shell.contains("kato-itest-detector"));

        Files.delete(jar);
        waitFor("the detector to leave GET /api/v1/languages", Duration.ofSeconds(30),
                () -> !get("/api/v1/languages", ADMIN_TOKEN).body().contains("itest-lang"));
        assertTrue("the framework was not restarted", bundleContext.getBundle(0).getLastModified() == frameworkStarted);
    }

    @Test
    public void theShippedPluginTypesAreListedAndOneWhoseBundleStopsLeaves() throws Exception {
        JsonNode types = json(get("/api/v1/plugin-types", ADMIN_TOKEN));
        java.util.List<String> names = new java.util.ArrayList<>();
        types.forEach(t -> names.add(t.path("name").asText() + ":" + t.path("role").asText()));
        assertEquals(java.util.List.of("entry-network:sidecar", "export-network:sidecar", "general:sidecar",
                "governance:sidecar", "init:init", "performance-analysis:sidecar"), names);
        JsonNode governance = types.get(3);
        assertEquals("[\"entry-network\",\"export-network\",\"governance\"]", governance.path("excludes").toString());
        String shell = executeCommand("kato:plugin-types --no-format");
        assertTrue(shell, shell.contains("performance-analysis") && shell.contains("kato-plugin-init"));

        org.osgi.framework.Bundle init = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName().equals("kato-plugin-init")).findFirst().orElseThrow();
        init.stop();
        try {
            waitFor("init to leave GET /api/v1/plugin-types", Duration.ofSeconds(30),
                    () -> !get("/api/v1/plugin-types", ADMIN_TOKEN).body().contains("\"init\""));
        } finally {
            init.start();
        }
        waitFor("init to come back", Duration.ofSeconds(30),
                () -> get("/api/v1/plugin-types", ADMIN_TOKEN).body().contains("\"init\""));
    }

    @Test
    public void aPluginTypeDroppedIntoDeployIsUsableAndItsPluginsWaitWhenItIsRemoved() throws Exception {
        assertEquals(201, send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\":\"plug\"}", null).statusCode());
        assertEquals(201, send("POST", "/api/v1/teams/plug/apps", ADMIN_TOKEN, "{\"name\":\"web\"}", null)
                .statusCode());
        assertEquals(201, send("POST", "/api/v1/teams/plug/components", ADMIN_TOKEN, "{\"name\":\"api\",\"app\":"
                + "\"web\",\"ports\":[{\"port\":8080,\"outer\":true}]}", null).statusCode());
        String plugin = "{\"name\":\"meter\",\"type\":\"itest-metered\"}";
        HttpResponse<String> before = send("POST", "/api/v1/teams/plug/plugins", ADMIN_TOKEN, plugin, null);
        assertEquals(before.body(), 400, before.statusCode());
        assertTrue(before.body(), before.body().contains("itest-metered"));

        Path jar = Path.of(System.getProperty("karaf.base"), "deploy", "kato-itest-plugin-type.jar");
        Files.copy(Path.of(System.getProperty("kato.itest.plugin.type")), jar, StandardCopyOption.REPLACE_EXISTING);
        waitFor("the type in GET /api/v1/plugin-types", Duration.ofSeconds(30),
                () -> get("/api/v1/plugin-types", ADMIN_TOKEN).body().contains("\"itest-metered\""));
        String shell = executeCommand("kato:plugin-types --no-format");
        assertTrue(shell, shell.contains("itest-metered") && shell.contains("kato-itest-plugin-type"));

        // usable: a plugin of it builds (no image: the gateway does its part), installs, and the gateway measures
        HttpResponse<String> created = send("POST", "/api/v1/teams/plug/plugins", ADMIN_TOKEN, plugin, null);
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals(202, send("POST", "/api/v1/teams/plug/plugins/meter/build", ADMIN_TOKEN, "", null).statusCode());
        waitFor("the plugin to build", Duration.ofSeconds(30), () -> json(get("/api/v1/teams/plug/plugins/meter"
                + "/versions/1", ADMIN_TOKEN)).path("status").asText().equals("succeeded"));
        HttpResponse<String> installed = send("PUT", "/api/v1/teams/plug/components/api/plugins/meter", ADMIN_TOKEN,
                "{}", null);
        assertEquals(installed.body(), 200, installed.statusCode());
        String url = json(get("/api/v1/teams/plug/components/api", ADMIN_TOKEN)).path("urls").get(0).asText();
        String performance = "/api/v1/teams/plug/components/api/performance";
        waitFor("a measured request", Duration.ofSeconds(30), () -> {
            DeliveryIT.viaGateway(url); // 503: the component is not running, and that is an error to measure
            return get(performance, ADMIN_TOKEN).statusCode() == 200;
        });
        JsonNode measured = json(get(performance, ADMIN_TOKEN));
        assertTrue(measured.toString(), measured.path("errors").asLong() >= 1);

        Files.delete(jar);
        waitFor("the type to leave", Duration.ofSeconds(30),
                () -> !get("/api/v1/plugin-types", ADMIN_TOKEN).body().contains("\"itest-metered\""));
        waitFor("the installation to wait for its type", Duration.ofSeconds(30), () -> get(
                "/api/v1/teams/plug/components/api/plugins", ADMIN_TOKEN).body().contains("\"type_unavailable\""));
        assertEquals(200, get("/api/v1/teams/plug/components/api", ADMIN_TOKEN).statusCode());
        assertFalse(json(get("/api/v1/teams/plug/plugins/meter", ADMIN_TOKEN)).path("typeAvailable").asBoolean());
        Thread.sleep(1500); // the gateway's routes are rebuilt every second
        long count = json(get(performance, ADMIN_TOKEN)).path("requests").asLong();
        DeliveryIT.viaGateway(url);
        assertEquals("no type, no measuring", count, json(get(performance, ADMIN_TOKEN)).path("requests").asLong());
        String listed = executeCommand("kato:component-plugins plug api");
        assertTrue(listed, listed.contains("type_unavailable"));
    }

    @Test
    public void aRegistrationMethodWhoseBundleStopsLeavesItsComponentsAsTheyWere() throws Exception {
        JsonNode methods = json(get("/api/v1/registration-methods", ADMIN_TOKEN));
        java.util.List<String> names = new java.util.ArrayList<>();
        methods.forEach(m -> names.add(m.path("name").asText()));
        assertEquals(java.util.List.of("api", "dns", "static"), names);
        assertEquals(201, send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\":\"reg\"}", null).statusCode());
        assertEquals(201, send("POST", "/api/v1/teams/reg/apps", ADMIN_TOKEN, "{\"name\":\"web\"}", null)
                .statusCode());
        HttpResponse<String> made = send("POST", "/api/v1/teams/reg/third-party-components", ADMIN_TOKEN,
                "{\"name\":\"legacy\",\"app\":\"web\",\"port\":{\"port\":5432},\"method\":\"static\","
                        + "\"config\":{\"addresses\":\"127.0.0.1\"},\"health\":{\"kind\":\"none\"}}", null);
        assertEquals(made.body(), 201, made.statusCode());
        String registration = "/api/v1/teams/reg/components/legacy/registration";
        waitFor("its endpoint", Duration.ofSeconds(30), () -> json(get(registration, ADMIN_TOKEN)).path("status")
                .asText().equals("running"));

        org.osgi.framework.Bundle bundle = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName().equals("kato-registration-static")).findFirst().orElseThrow();
        bundle.stop();
        try {
            waitFor("static to leave", Duration.ofSeconds(30), () -> !get("/api/v1/registration-methods",
                    ADMIN_TOKEN).body().contains("\"static\""));
            JsonNode waiting = json(get(registration, ADMIN_TOKEN));
            assertFalse(waiting.toString(), waiting.path("methodAvailable").asBoolean());
            assertEquals("the endpoints stay as they were", "running", waiting.path("status").asText());
            HttpResponse<String> refused = send("POST", "/api/v1/teams/reg/third-party-components", ADMIN_TOKEN,
                    "{\"name\":\"other\",\"app\":\"web\",\"port\":{\"port\":1},\"method\":\"static\","
                            + "\"config\":{\"addresses\":\"127.0.0.1\"}}", null);
            assertEquals(refused.body(), 400, refused.statusCode());
            assertTrue(refused.body(), refused.body().contains("no registration method 'static' is installed"));
        } finally {
            bundle.start();
        }
        waitFor("static to come back", Duration.ofSeconds(30), () -> json(get(registration, ADMIN_TOKEN))
                .path("methodAvailable").asBoolean());
    }
}
