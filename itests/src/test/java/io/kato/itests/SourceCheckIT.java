package io.kato.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.kato.api.source.HostKey;
import io.kato.source.git.testing.GitHttpServer;
import io.kato.source.git.testing.SshGitServer;
import io.kato.source.svn.testing.SvnServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.osgi.framework.Bundle;

/**
 * A source check of a real git repository, from REST and from the shell, with a detector
 * bundle installed at runtime, and over SSH from OpenSSH on loopback. Local repositories
 * and loopback addresses are enabled for this test only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SourceCheckIT extends KatoTestSupport {
    private static Path repo;

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/io.kato.source.cfg", "allowFileUrls", "true"),
                editConfigurationFilePut("etc/io.kato.source.cfg", "allowPrivateNetworks", "true"),
                editConfigurationFilePut("etc/io.kato.source.cfg", "maxFiles", "200"));
    }

    @Before
    public void repositoryAndDetector() throws Exception {
        if (repo != null) {
            return;
        }
        repo = Files.createTempDirectory("kato-itest-repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(repo.resolve("svc"));
            Files.writeString(repo.resolve("svc/itest.marker"), "marker");
            Files.writeString(repo.resolve("README.md"), "# repo");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("initial").setAuthor("Ada", "ada@example.org").call();
        }
        Bundle detector = bundleContext.installBundle(
                Path.of(System.getProperty("kato.itest.detector")).toUri().toString());
        detector.start();
        waitFor("the detector", Duration.ofSeconds(30),
                () -> get("/api/v1/languages", ADMIN_TOKEN).body().contains("itest-lang"));
        assertEquals(201, send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\":\"src\"}", null).statusCode());
    }

    private JsonNode awaitCheck(String id) throws Exception {
        return awaitEnded("the check to end", "/api/v1/teams/src/source-checks/" + id, Duration.ofSeconds(60));
    }

    @Test
    public void restSourceCheckReportsTheDetectedLanguage() throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                "{\"url\":\"" + repo.toUri() + "\",\"subdir\":\"svc\"}", null);
        assertEquals(started.body(), 202, started.statusCode());
        assertTrue(started.headers().firstValue("Location").orElse("").endsWith(json(started).path("id").asText()));
        JsonNode done = awaitCheck(json(started).path("id").asText());
        assertEquals(done.toString(), "succeeded", done.path("status").asText());
        assertEquals("itest-lang", done.path("report").path("languages").get(0).path("language").asText());
        assertEquals("main", done.path("report").path("ref").asText());
        String log = get("/api/v1/teams/src/events/" + done.path("eventId").asText() + "/log", ADMIN_TOKEN).body();
        assertTrue(log, log.contains("Indexed 1 files"));

        assertEquals(201, send("POST", "/api/v1/teams/src/apps", ADMIN_TOKEN, "{\"name\":\"web\"}", null).statusCode());
        HttpResponse<String> component = send("POST", "/api/v1/teams/src/components", ADMIN_TOKEN,
                "{\"name\":\"svc\",\"app\":\"web\",\"fromCheck\":\"" + done.path("id").asText() + "\"}", null);
        assertEquals(component.body(), 201, component.statusCode());
        assertEquals("itest-lang", json(component).path("language").asText());
        assertEquals("svc", json(component).path("source").path("subdir").asText());
        assertEquals(8080, json(component).path("ports").get(0).path("port").asInt());
    }

    @Test
    public void theShippedDetectorsReportANodeServiceWithItsPins() throws Exception {
        Path node = Files.createTempDirectory("kato-itest-node");
        try (Git git = Git.init().setDirectory(node.toFile()).setInitialBranch("main").call()) {
            Files.writeString(node.resolve("package.json"), "{\"name\":\"shop\",\"scripts\":{\"start\":"
                    + "\"node server.js\"},\"engines\":{\"node\":\"20.x\"}}");
            Files.writeString(node.resolve("package-lock.json"), "{\"lockfileVersion\":3}");
            Files.writeString(node.resolve("server.js"), "require('http').createServer().listen(3000)");
            Files.writeString(node.resolve("Procfile"), "web: node server.js\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("node").setAuthor("Ada", "ada@example.org").call();
        }
        HttpResponse<String> started = send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                "{\"url\":\"" + node.toUri() + "\"}", null);
        JsonNode done = awaitCheck(json(started).path("id").asText());
        assertEquals(done.toString(), "succeeded", done.path("status").asText());
        JsonNode primary = done.path("report").path("languages").get(0);
        assertEquals(done.toString(), "nodejs", primary.path("language").asText());
        assertEquals("20.x", primary.path("versions").path("node").asText());
        assertEquals("node server.js", primary.path("startCommand").asText());
        boolean javascript = false;
        for (JsonNode share : done.path("report").path("breakdown")) {
            javascript |= share.path("language").asText().equals("JavaScript") && share.path("files").asInt() == 1;
        }
        assertTrue(done.path("report").path("breakdown").toString(), javascript);

        boolean nodeListsItsStaticVariant = false;
        for (JsonNode language : json(get("/api/v1/languages", ADMIN_TOKEN))) {
            nodeListsItsStaticVariant |= language.path("name").asText().equals("nodejs")
                    && language.path("variants").toString().equals("[\"node-static\"]");
        }
        assertTrue("GET /languages names node-static under nodejs", nodeListsItsStaticVariant);
    }

    @Test
    public void anUploadedZipIsCheckedLikeARepository() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("go.mod"));
            zip.write("module example.org/shop\n\ngo 1.22\n".getBytes());
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("main.go"));
            zip.write("package main\nfunc main() {}\n".getBytes());
            zip.closeEntry();
        }
        java.net.http.HttpRequest upload = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base() + "/api/v1/teams/src/source-archives"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/zip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build();
        HttpResponse<String> stored = java.net.http.HttpClient.newHttpClient().send(upload,
                HttpResponse.BodyHandlers.ofString());
        assertEquals(stored.body(), 201, stored.statusCode());
        HttpResponse<String> started = send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                "{\"kind\":\"archive\",\"url\":\"" + json(stored).path("id").asText() + "\"}", null);
        assertEquals(started.body(), 202, started.statusCode());
        JsonNode done = awaitCheck(json(started).path("id").asText());
        assertEquals(done.toString(), "succeeded", done.path("status").asText());
        JsonNode primary = done.path("report").path("languages").get(0);
        assertEquals("go", primary.path("language").asText());
        assertEquals("1.22", primary.path("versions").path("go").asText());
    }

    @Test
    public void credentialsAreStoredButNeverShown() throws Exception {
        HttpResponse<String> token = send("POST", "/api/v1/teams/src/credentials", ADMIN_TOKEN,
                "{\"name\":\"gh\",\"type\":\"token\",\"secret\":\"ghp-very-secret-123\"}", null);
        assertEquals(token.body(), 201, token.statusCode());
        HttpResponse<String> ssh = send("POST", "/api/v1/teams/src/credentials", ADMIN_TOKEN,
                "{\"name\":\"deploy\",\"type\":\"ssh\"}", null);
        assertTrue(json(ssh).path("publicKey").asText().startsWith("ssh-rsa "));
        String listed = get("/api/v1/teams/src/credentials", ADMIN_TOKEN).body();
        assertTrue(listed.contains("\"gh\"") && !listed.contains("ghp-very-secret-123") && !listed.contains("PRIVATE"));
        assertTrue(!token.body().contains("ghp-very-secret-123"));
        HttpResponse<String> unknown = send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                "{\"url\":\"" + repo.toUri() + "\",\"credentials\":\"nope\"}", null);
        assertEquals(400, unknown.statusCode());
        assertEquals("credentials", json(unknown).path("errors").get(0).path("field").asText());
    }

    @Test
    public void anSshRepositoryIsFetchedWithTheTeamsDeployKeyAndItsHostKeyIsHeldToFirstUse() throws Exception {
        Path work = Files.createTempDirectory("kato-itest-ssh");
        try (Git git = Git.init().setDirectory(work.resolve("src").toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("src/requirements.txt"), "flask==3.0.0\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("python").setAuthor("Ada", "ada@example.org").call();
        }
        Path bare = work.resolve("shop.git");
        Git.cloneRepository().setURI(work.resolve("src").toUri().toString()).setBare(true)
                .setDirectory(bare.toFile()).call().close();
        try (SshGitServer server = new SshGitServer(work.resolve("sshd"))) {
            HttpResponse<String> key = send("POST", "/api/v1/teams/src/credentials", ADMIN_TOKEN,
                    "{\"name\":\"sshkey\",\"type\":\"ssh\"}", null);
            assertEquals(key.body(), 201, key.statusCode());
            server.authorize(json(key).path("publicKey").asText());
            String check = "{\"url\":\"" + server.url(bare) + "\",\"credentials\":\"sshkey\"}";

            JsonNode done = awaitCheck(json(send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN, check, null))
                    .path("id").asText());
            assertEquals(done.toString() + server.log(), "succeeded", done.path("status").asText());
            assertEquals("python", done.path("report").path("languages").get(0).path("language").asText());
            String fingerprint = HostKey.parse("key", server.hostKey()).fingerprint();
            JsonNode known = json(get("/api/v1/teams/src/known-hosts", ADMIN_TOKEN)).get(0);
            assertEquals(fingerprint, known.path("fingerprint").asText());
            assertTrue(known.toString(), known.path("host").asText().startsWith("127.0.0.1:"));
            String shell = executeCommand("kato:known-hosts src");
            assertTrue(shell, shell.contains(fingerprint) && shell.contains("on first use"));

            server.replaceHostKey();
            JsonNode refused = awaitCheck(json(send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN, check,
                    null)).path("id").asText());
            assertEquals("failed", refused.path("status").asText());
            assertTrue(refused.toString(), refused.path("message").asText().contains("host key of "
                    + known.path("host").asText() + " changed"));

            String forgot = executeCommand("kato:known-hosts --delete " + known.path("host").asText() + " src");
            assertTrue(forgot, forgot.contains("forgotten"));
            JsonNode again = awaitCheck(json(send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN, check,
                    null)).path("id").asText());
            assertEquals(again.toString(), "succeeded", again.path("status").asText());
            assertEquals(HostKey.parse("key", server.hostKey()).fingerprint(),
                    json(get("/api/v1/teams/src/known-hosts", ADMIN_TOKEN)).get(0).path("fingerprint").asText());
        }
    }

    /** A repository made by the test: one commit of the given files. */
    private static Path repository(String prefix, java.util.Map<String, String> files) throws Exception {
        Path work = Files.createTempDirectory(prefix);
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            for (var f : files.entrySet()) {
                Files.createDirectories(work.resolve(f.getKey()).getParent());
                Files.writeString(work.resolve(f.getKey()), f.getValue());
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("files").setAuthor("Ada", "ada@example.org").call();
        }
        return work;
    }

    @Test
    public void aPrivateRepositoryOverHttpsWithASelfSignedCertificateIsFetchedWithTheTeamsPassword()
            throws Exception {
        Path work = repository("kato-itest-http", java.util.Map.of("go.mod", "module example.org/shop\n\ngo 1.22\n",
                "main.go", "package main\nfunc main() {}\n"));
        Path served = Files.createTempDirectory("kato-itest-served");
        Git.cloneRepository().setURI(work.toUri().toString()).setBare(true)
                .setDirectory(served.resolve("shop.git").toFile()).call().close();
        try (GitHttpServer server = GitHttpServer.https(served, "ci", "http-pass-4711",
                Files.createTempDirectory("kato-itest-tls"))) {
            String check = "{\"url\":\"" + server.url("shop.git") + "\"";
            JsonNode untrusted = awaitCheck(json(send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                    check + "}", null)).path("id").asText());
            assertEquals("failed", untrusted.path("status").asText());
            assertTrue(untrusted.toString(), untrusted.path("message").asText().contains("trustServerCertificate"));
            check += ",\"trustServerCertificate\":true";
            JsonNode refused = awaitCheck(json(send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                    check + "}", null)).path("id").asText());
            assertEquals("failed", refused.path("status").asText());
            assertTrue(refused.toString(), refused.path("message").asText().contains("refused access"));
            assertTrue(refused.path("trustServerCertificate").asBoolean());

            assertEquals(201, send("POST", "/api/v1/teams/src/credentials", ADMIN_TOKEN,
                    "{\"name\":\"http\",\"type\":\"password\",\"username\":\"ci\",\"secret\":\"http-pass-4711\"}",
                    null).statusCode());
            JsonNode done = awaitCheck(json(send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                    check + ",\"credentials\":\"http\"}", null)).path("id").asText());
            assertEquals(done.toString(), "succeeded", done.path("status").asText());
            assertEquals("go", done.path("report").path("languages").get(0).path("language").asText());
            String log = get("/api/v1/teams/src/events/" + done.path("eventId").asText() + "/log", ADMIN_TOKEN).body();
            assertTrue("the password is in no log or report", !log.contains("http-pass-4711")
                    && !done.toString().contains("http-pass-4711"));
        }
    }

    @Test
    public void anSvnRepositoryIsCheckedFromTheShellWithAPasswordCredential() throws Exception {
        Path dir = Files.createTempDirectory("kato-itest-svn");
        try (SvnServer server = new SvnServer(dir, "ci", "svn-pass-0815",
                java.util.Map.of("composer.json", "{\"require\": {\"php\": \"^8.2\"}}", "index.php", "<?php"))) {
            String created = executeCommand("kato:credential-create --type password --username ci --secret svn-pass-0815"
                    + " src svnpass");
            assertTrue(created, !created.contains("svn-pass-0815"));
            String out = executeCommand("kato:source-check --kind svn --credentials svnpass src " + server.url());
            assertTrue(out, out.contains("php") && out.contains("trunk") && !out.contains("svn-pass-0815"));
            String refused = executeCommand("kato:source-check --kind svn --trust-server-cert src " + server.url());
            assertTrue(refused, refused.contains("applies to https URLs only"));
        }
    }

    /** A component made from a finished check of a fresh repository with these files. */
    private void componentFromSource(String app, String name, java.util.Map<String, String> files) throws Exception {
        Path repository = repository("kato-itest-" + name, files);
        JsonNode done = awaitCheck(json(send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                "{\"url\":\"" + repository.toUri() + "\"}", null)).path("id").asText());
        assertEquals(done.toString(), "succeeded", done.path("status").asText());
        send("POST", "/api/v1/teams/src/apps", ADMIN_TOKEN, "{\"name\":\"" + app + "\"}", null); // 201 or 409
        HttpResponse<String> made = send("POST", "/api/v1/teams/src/components", ADMIN_TOKEN, "{\"name\":\"" + name
                + "\",\"app\":\"" + app + "\",\"fromCheck\":\"" + done.path("id").asText() + "\"}", null);
        assertEquals(made.body(), 201, made.statusCode());
    }

    @Test
    public void aStaticSiteIsBuiltIntoNumberedVersionsFromRest() throws Exception {
        componentFromSource("bld", "site", java.util.Map.of("index.html", "<h1>hi</h1>", "about.html", "<p>x</p>"));
        for (int expected = 1; expected <= 2; expected++) {
            HttpResponse<String> started = send("POST", "/api/v1/teams/src/components/site/build", ADMIN_TOKEN, "",
                    null);
            assertEquals(started.body(), 202, started.statusCode());
            String id = json(started).path("id").asText();
            assertTrue(started.headers().firstValue("Location").orElse("").endsWith("/events/" + id));
            JsonNode build = awaitEnded("the build to end", "/api/v1/teams/src/components/site/builds/" + id,
                    Duration.ofSeconds(60));
            assertEquals(build.toString(), "succeeded", build.path("status").asText());
            assertEquals("version " + expected, build.path("message").asText());
        }
        JsonNode versions = json(get("/api/v1/teams/src/components/site/versions", ADMIN_TOKEN));
        assertEquals(2, versions.path("total").asInt());
        assertEquals(2, versions.path("items").get(0).path("number").asInt());
        assertEquals("static", versions.path("items").get(0).path("strategy").asText());
        assertTrue(Files.exists(Path.of(versions.path("items").get(0).path("artifact").asText(), "index.html")));
        assertEquals("closed", json(get("/api/v1/teams/src/components/site", ADMIN_TOKEN)).path("state").asText());

        HttpResponse<String> start = send("POST", "/api/v1/teams/src/components/site/start", ADMIN_TOKEN, "", null);
        assertEquals(start.body(), 202, start.statusCode());
        AtomicReference<JsonNode> site = new AtomicReference<>();
        waitFor("the site to run", Duration.ofSeconds(30), () -> {
            site.set(json(get("/api/v1/teams/src/components/site", ADMIN_TOKEN)));
            return site.get().path("state").asText().equals("running");
        });
        String address = site.get().path("runningInstances").get(0).path("address").asText();
        HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://" + address + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("<h1>hi</h1>", page.body());
        assertEquals(202, send("POST", "/api/v1/teams/src/components/site/stop", ADMIN_TOKEN, "", null).statusCode());
        waitFor("the site to stop", Duration.ofSeconds(30), () -> json(get("/api/v1/teams/src/components/site",
                ADMIN_TOKEN)).path("runningInstances").isEmpty());
    }

    @Test
    public void aNodeAppIsBuiltWithNpmFromTheShell() throws Exception {
        componentFromSource("bld", "nodeapp", java.util.Map.of(
                "package.json", "{\"name\":\"nodeapp\",\"version\":\"1.0.0\",\"scripts\":{\"build\":"
                        + "\"node -e \\\"require('fs').writeFileSync('built.txt','ok')\\\"\",\"start\":\"node server.js\"}}",
                "package-lock.json", "{\"name\":\"nodeapp\",\"version\":\"1.0.0\",\"lockfileVersion\":3,"
                        + "\"requires\":true,\"packages\":{\"\":{\"name\":\"nodeapp\",\"version\":\"1.0.0\"}}}",
                "server.js", "require('http').createServer((q, s) => s.end('hi')).listen(process.env.PORT)"));
        String out = executeCommand("kato:build --wait 120 src nodeapp");
        assertTrue(out, out.contains("Build succeeded: version 1") && out.contains("npm ci"));
        String versions = executeCommand("kato:versions --no-format src nodeapp");
        assertTrue(versions, versions.contains("node"));
        String artifact = json(get("/api/v1/teams/src/components/nodeapp/versions", ADMIN_TOKEN)).path("items").get(0)
                .path("artifact").asText();
        assertEquals("ok", Files.readString(Path.of(artifact, "built.txt")));

        String started = executeCommand("kato:component-start src nodeapp");
        assertTrue(started, started.contains("is starting"));
        AtomicReference<String> shown = new AtomicReference<>();
        waitFor("the app to be ready", Duration.ofSeconds(30), () -> {
            shown.set(executeCommand("kato:component-show src nodeapp"));
            return shown.get().contains("ready at 127.0.0.1:");
        });
        String address = shown.get().replaceAll("(?s).*ready at (127\\.0\\.0\\.1:[0-9]+).*", "$1");
        HttpResponse<String> hello = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://" + address + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("hi", hello.body());
        assertTrue(executeCommand("kato:component-stop src nodeapp").contains("is stopping"));
    }

    @Test
    public void aMalformedPackageJsonIsAProblemNamingTheFileNotAFailedCheck() throws Exception {
        Path node = repository("kato-itest-badjson", java.util.Map.of("package.json", "{\"name\": \"shop\",,}",
                "package-lock.json", "{}"));
        JsonNode done = awaitCheck(json(send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                "{\"url\":\"" + node.toUri() + "\"}", null)).path("id").asText());
        assertEquals(done.toString(), "succeeded", done.path("status").asText());
        JsonNode nodejs = done.path("report").path("languages").get(0);
        assertEquals("nodejs", nodejs.path("language").asText());
        boolean named = false;
        for (JsonNode problem : nodejs.path("problems")) {
            named |= problem.path("severity").asText().equals("ERROR") && problem.path("file").asText()
                    .equals("package.json") && problem.path("message").asText().contains("not valid JSON");
        }
        assertTrue(nodejs.toString(), named);
    }

    @Test
    public void aTreeOverTheFileLimitEndsTheCheckWithAClearMessage() throws Exception {
        java.util.Map<String, String> files = new java.util.HashMap<>();
        for (int i = 0; i < 250; i++) {
            files.put("src/f" + i + ".py", "print(" + i + ")");
        }
        Path huge = repository("kato-itest-huge", files);
        JsonNode done = awaitCheck(json(send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                "{\"url\":\"" + huge.toUri() + "\"}", null)).path("id").asText());
        assertEquals(done.toString(), "failed", done.path("status").asText());
        assertTrue(done.toString(), done.path("message").asText().contains("more than 200 files")
                && done.path("message").asText().contains("subdir"));
    }

    @Test
    public void aMissingBranchFailsWithAClearMessage() throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                "{\"url\":\"" + repo.toUri() + "\",\"ref\":\"no-such-branch\"}", null);
        JsonNode done = awaitCheck(json(started).path("id").asText());
        assertEquals("failed", done.path("status").asText());
        assertTrue(done.path("message").asText(), done.path("message").asText().contains("'no-such-branch' does not exist"));
    }

    @Test
    public void badRequestsAre400AndStartNothing() throws Exception {
        HttpResponse<String> bad = send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                "{\"url\":\"ext::sh -c id\"}", null);
        assertEquals(400, bad.statusCode());
        assertEquals("url", json(bad).path("errors").get(0).path("field").asText());
        HttpResponse<String> trust = send("POST", "/api/v1/teams/src/source-checks", ADMIN_TOKEN,
                "{\"url\":\"" + repo.toUri() + "\",\"trustServerCertificate\":true}", null);
        assertEquals(trust.body(), 400, trust.statusCode());
        assertEquals("trustServerCertificate", json(trust).path("errors").get(0).path("field").asText());
    }

    @Test
    public void shellSourceCheckPrintsTheReport() throws Exception {
        String out = executeCommand("kato:source-check --subdir svc src " + repo.toUri());
        assertTrue(out, out.contains("itest-lang") && out.contains("Revision"));
    }
}
