package io.kato.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The REST API and the shell on the assembled distribution. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KatoApiIT extends KatoTestSupport {

    @Test
    public void healthAndOpenApiArePublicEverythingElseNeedsAToken() throws Exception {
        assertEquals(200, get("/api/v1/health", null).statusCode());
        HttpResponse<String> openapi = get("/api/v1/openapi.json", null);
        assertEquals(200, openapi.statusCode());
        assertTrue(json(openapi).path("paths").has("/api/v1/teams/{team}/components/{component}/env/{name}"));

        HttpResponse<String> anonymous = get("/api/v1/teams", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(401, get("/api/v1/teams", "not-a-real-token-but-long-enough").statusCode());
    }

    @Test
    public void restCrudRoundTripWithToken() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/teams", ADMIN_TOKEN,
                "{\"name\":\"crud\",\"displayName\":\"Crud shop\",\"environment\":\"BETA\"}", null);
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals("\"1\"", created.headers().firstValue("ETag").orElseThrow());

        assertEquals(201, send("POST", "/api/v1/teams/crud/apps", ADMIN_TOKEN, "{\"name\":\"web\"}", null).statusCode());
        HttpResponse<String> component = send("POST", "/api/v1/teams/crud/components", ADMIN_TOKEN,
                "{\"name\":\"api\",\"app\":\"web\",\"instances\":2,\"ports\":[{\"port\":8080,\"outer\":true}],"
                        + "\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\"hunter2-secret\",\"secret\":true}]}", null);
        assertEquals(component.body(), 201, component.statusCode());
        JsonNode c = json(component);
        assertEquals("undeployed", c.path("state").asText());
        assertEquals("API", c.path("ports").get(0).path("alias").asText());
        assertFalse("secrets are never echoed", component.body().contains("hunter2-secret"));

        HttpResponse<String> put = send("PUT", "/api/v1/teams/crud/components/api/env/LOG_LEVEL", ADMIN_TOKEN,
                "{\"value\":\"debug\"}", "\"1\"");
        assertEquals(put.body(), 200, put.statusCode());
        assertEquals("\"2\"", put.headers().firstValue("ETag").orElseThrow());

        HttpResponse<String> read = get("/api/v1/teams/crud/components/api", ADMIN_TOKEN);
        assertEquals(2, json(read).path("env").size());
        assertFalse(read.body().contains("hunter2-secret"));

        HttpResponse<String> patched = send("PATCH", "/api/v1/teams/crud/components/api", ADMIN_TOKEN,
                "{\"instances\":3}", read.headers().firstValue("ETag").orElseThrow());
        assertEquals(patched.body(), 200, patched.statusCode());
        assertEquals(3, json(patched).path("instances").asInt());

        JsonNode list = json(get("/api/v1/teams/crud/components?limit=1", ADMIN_TOKEN));
        assertEquals(1, list.path("total").asInt());
        assertEquals(1, list.path("limit").asInt());

        JsonNode events = json(get("/api/v1/teams/crud/events", ADMIN_TOKEN));
        assertTrue(events.path("total").asInt() >= 5);
        assertFalse(get("/api/v1/teams/crud/audit", ADMIN_TOKEN).body().contains("hunter2-secret"));

        assertEquals(204, send("DELETE", "/api/v1/teams/crud/components/api", ADMIN_TOKEN, null, null).statusCode());
        assertEquals(204, send("DELETE", "/api/v1/teams/crud/apps/web", ADMIN_TOKEN, null, null).statusCode());
        assertEquals(204, send("DELETE", "/api/v1/teams/crud", ADMIN_TOKEN, null, null).statusCode());
        assertEquals(404, get("/api/v1/teams/crud", ADMIN_TOKEN).statusCode());
    }

    @Test
    public void staleIfMatchGets412AndChangesNothing() throws Exception {
        assertEquals(201, send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\":\"etags\"}", null).statusCode());
        assertEquals(200, send("PATCH", "/api/v1/teams/etags", ADMIN_TOKEN, "{\"environment\":\"PROD\"}", "\"1\"")
                .statusCode());
        HttpResponse<String> stale = send("PATCH", "/api/v1/teams/etags", ADMIN_TOKEN, "{\"environment\":\"DEV\"}",
                "\"1\"");
        assertEquals(412, stale.statusCode());
        assertTrue(stale.body().contains("version 2"));
        assertEquals("PROD", json(get("/api/v1/teams/etags", ADMIN_TOKEN)).path("environment").asText());
    }

    @Test
    public void malformedJsonGets400ProblemDetails() throws Exception {
        HttpResponse<String> broken = send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\": ", null);
        assertEquals(400, broken.statusCode());
        assertTrue(broken.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(400, json(broken).path("status").asInt());

        HttpResponse<String> typo = send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"nmae\":\"x\"}", null);
        assertEquals(400, typo.statusCode());
        assertTrue(typo.body(), typo.body().contains("nmae"));

        HttpResponse<String> badName = send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\":\"Not_A_Label\"}", null);
        assertEquals(400, badName.statusCode());
        assertEquals("name", json(badName).path("errors").get(0).path("field").asText());
        assertEquals(404, get("/api/v1/teams/Not_A_Label", ADMIN_TOKEN).statusCode());
    }

    @Test
    public void viewerCanReadButNotWriteAndOutsidersSeeNothing() throws Exception {
        assertEquals(201, send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\":\"roles\"}", null).statusCode());
        assertEquals(201, send("POST", "/api/v1/teams", ADMIN_TOKEN, "{\"name\":\"secret-team\"}", null).statusCode());
        assertEquals(201, send("POST", "/api/v1/users", ADMIN_TOKEN, "{\"name\":\"vera\"}", null).statusCode());
        assertEquals(200, send("PUT", "/api/v1/teams/roles/members/vera", ADMIN_TOKEN, "{\"role\":\"viewer\"}", null)
                .statusCode());
        HttpResponse<String> issued = send("POST", "/api/v1/users/vera/tokens", ADMIN_TOKEN, "{\"name\":\"laptop\"}", null);
        assertEquals(201, issued.statusCode());
        String vera = json(issued).path("token").asText();

        assertEquals(200, get("/api/v1/teams/roles", vera).statusCode());
        HttpResponse<String> write = send("POST", "/api/v1/teams/roles/apps", vera, "{\"name\":\"web\"}", null);
        assertEquals(403, write.statusCode());
        assertTrue(write.body().contains("viewer"));
        assertEquals(404, get("/api/v1/teams/secret-team", vera).statusCode());
        JsonNode visible = json(get("/api/v1/teams", vera));
        assertEquals(1, visible.path("total").asInt());
        assertEquals(0, json(get("/api/v1/teams/roles/apps", ADMIN_TOKEN)).path("total").asInt());
    }

    @Test
    public void shellCommandsShareTheCoreWithRest() throws Exception {
        String created = executeCommand("kato:team-create --environment PROD shell-team");
        assertTrue(created, created.contains("Team shell-team created"));
        String table = executeCommand("kato:team-list --no-format");
        assertTrue(table, table.contains("shell-team") && table.contains("PROD"));
        assertEquals("PROD", json(get("/api/v1/teams/shell-team", ADMIN_TOKEN)).path("environment").asText());

        String bad = executeCommand("kato:team-create Bad_Name");
        assertTrue(bad, bad.contains("not a DNS-1123 label"));
        JsonNode events = json(get("/api/v1/teams/shell-team/events", ADMIN_TOKEN));
        assertTrue(events.path("items").get(0).path("actor").asText().startsWith("shell:"));
    }
}
