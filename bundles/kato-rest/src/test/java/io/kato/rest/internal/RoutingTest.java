package io.kato.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.Actor;
import io.kato.api.NotFoundException;
import io.kato.api.PreconditionFailedException;
import io.kato.api.UnauthenticatedException;
import io.kato.api.service.AccessService;
import io.kato.api.service.AppService;
import io.kato.api.service.BuildService;
import io.kato.api.service.ComponentService;
import io.kato.api.service.CredentialService;
import io.kato.api.service.KnownHostService;
import io.kato.api.service.EventService;
import io.kato.api.service.LanguageRegistry;
import io.kato.api.service.SourceCheckService;
import io.kato.api.service.TeamService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.ws.rs.core.SecurityContext;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.Test;

/**
 * Runs requests through the real Jersey application with recording stand-ins for the
 * core services: which service method each path reaches, and how errors come out.
 */
class RoutingTest {
    private static final String TOKEN = "a-token-that-is-long-enough";
    private final List<String> calls = new ArrayList<>();
    /** The arguments of each recorded call, in the same order. */
    private final List<Object[]> arguments = new ArrayList<>();
    private Function<String, Object> answer = method -> {
        throw new NotFoundException("nothing here");
    };

    @SuppressWarnings("unchecked")
    private <T> T recorder(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("authenticate")) {
                if (!TOKEN.equals(args[0])) {
                    throw new UnauthenticatedException("Unknown or revoked token");
                }
                return new Actor("admin", "u1", true, Map.of(), null);
            }
            if (method.getName().equals("languages")) {
                return List.of();
            }
            calls.add(type.getSimpleName() + "." + method.getName());
            arguments.add(args);
            return answer.apply(method.getName());
        });
    }

    private Result call(String method, String path, String body, String token) throws Exception {
        ApplicationHandler app = new ApplicationHandler(RestApplication.resourceConfig(new RestApplication.Services(
                recorder(TeamService.class), recorder(AppService.class), recorder(ComponentService.class),
                recorder(EventService.class), recorder(AccessService.class), recorder(LanguageRegistry.class),
                recorder(SourceCheckService.class), recorder(CredentialService.class),
                recorder(KnownHostService.class), recorder(BuildService.class),
                recorder(io.kato.api.gateway.RouteTable.class), recorder(io.kato.api.service.GatewayRuleService.class),
                recorder(io.kato.api.service.CertificateService.class),
                recorder(io.kato.api.service.ImageCheckService.class),
                recorder(io.kato.api.service.RuntimeRegistry.class), recorder(io.kato.api.service.VolumeService.class),
                recorder(io.kato.api.service.AutoscalingService.class),
                recorder(io.kato.api.service.PluginTypeRegistry.class), recorder(io.kato.api.service.PluginService.class),
                recorder(io.kato.api.service.PluginInstallService.class),
                recorder(io.kato.api.service.DependencyService.class),
                recorder(io.kato.api.service.ThirdPartyService.class), java.util.Optional::empty)));
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/api/"),
                URI.create("http://localhost/api/" + path), method, new Anonymous(), new MapPropertiesDelegate(),
                null);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.setEntityStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContainerResponse response = app.apply(request, out).get();
        return new Result(response.getStatus(), String.valueOf(response.getMediaType()),
                out.toString(StandardCharsets.UTF_8));
    }

    record Result(int status, String type, String body) {
    }

    @Test
    void everyPathReachesItsOwnServiceMethod() throws Exception {
        String[][] routes = {
            {"GET", "v1/teams/shop", "TeamService.get"},
            {"PATCH", "v1/teams/shop", "TeamService.update"},
            {"PUT", "v1/teams/shop/members/vera", "TeamService.setMember"},
            {"GET", "v1/teams/shop/audit", "EventService.audit"},
            {"GET", "v1/teams/shop/events", "EventService.list"},
            {"GET", "v1/teams/shop/events/e1/log", "EventService.log"},
            {"GET", "v1/teams/shop/apps/web", "AppService.get"},
            {"DELETE", "v1/teams/shop/components/api", "ComponentService.delete"},
            {"PUT", "v1/teams/shop/components/api/env/KEY", "ComponentService.putEnv"},
            {"DELETE", "v1/teams/shop/components/api/ports/8080", "ComponentService.removePort"},
            {"POST", "v1/users/vera/tokens", "AccessService.issueToken"},
            {"GET", "v1/teams/shop/source-checks/c1", "SourceCheckService.get"},
            {"POST", "v1/teams/shop/source-checks", "SourceCheckService.start"},
            {"DELETE", "v1/teams/shop/credentials/github", "CredentialService.delete"},
            {"GET", "v1/teams/shop/credentials", "CredentialService.list"},
            {"GET", "v1/teams/shop/known-hosts", "KnownHostService.list"},
            {"POST", "v1/teams/shop/components/api/build", "BuildService.build"},
            {"GET", "v1/teams/shop/components/api/volumes", "VolumeService.list"},
            {"GET", "v1/plugin-types", "PluginTypeRegistry.pluginTypes"},
            {"DELETE", "v1/teams/shop/components/api/volumes/data", "VolumeService.remove"},
            {"DELETE", "v1/teams/shop/components/api/autoscaling", "AutoscalingService.clear"},
            {"GET", "v1/teams/shop/components/api/autoscaling", "AutoscalingService.get"},
            {"PUT", "v1/teams/shop/components/api/autoscaling", "AutoscalingService.set"},
            {"PUT", "v1/teams/shop/components/api/volumes/data", "VolumeService.put"},
            {"POST", "v1/teams/shop/components/api/start", "ComponentService.start"},
            {"POST", "v1/teams/shop/components/api/stop", "ComponentService.stop"},
            {"POST", "v1/teams/shop/components/api/restart", "ComponentService.restart"},
            {"POST", "v1/teams/shop/components/api/upgrade", "ComponentService.upgrade"},
            {"POST", "v1/teams/shop/components/api/scale", "ComponentService.scale"},
            {"GET", "v1/teams/shop/gateway-rules", "GatewayRuleService.list"},
            {"GET", "v1/teams/shop/certificates", "CertificateService.list"},
            {"DELETE", "v1/teams/shop/certificates/c1", "CertificateService.delete"},
            {"POST", "v1/teams/shop/apps/web/start", "ComponentService.startApp"},
            {"GET", "v1/teams/shop/components/api/probes", "ComponentService.probes"},
            {"POST", "v1/teams/shop/apps/web/stop", "ComponentService.stopApp"},
            {"POST", "v1/teams/shop/gateway-rules", "GatewayRuleService.create"},
            {"DELETE", "v1/teams/shop/gateway-rules/r1", "GatewayRuleService.delete"},
            {"GET", "v1/teams/shop/components/api/instances/api-0/log", "ComponentService.instanceLog"},
            {"GET", "v1/teams/shop/components/api/builds/b1", "BuildService.get"},
            {"POST", "v1/teams/shop/components/api/builds/b1/cancel", "BuildService.cancel"},
            {"GET", "v1/teams/shop/components/api/versions", "BuildService.versions"},
            {"POST", "v1/teams/shop/known-hosts", "KnownHostService.pin"},
            {"DELETE", "v1/teams/shop/known-hosts/git.example.org:2222", "KnownHostService.delete"},
            {"POST", "v1/teams/shop/source-checks/c1/components", "ComponentService.createFromModules"},
            {"GET", "v1/teams/shop/plugins/agent", "PluginService.get"},
            {"PUT", "v1/teams/shop/components/api/plugins/agent", "PluginInstallService.install"},
            {"GET", "v1/default-plugins", "PluginService.defaults"},
            {"POST", "v1/teams/shop/default-plugins/log-collector", "PluginService.addDefault"},
            {"GET", "v1/teams/shop/components/api/performance", "PluginInstallService.list"},
            {"GET", "v1/teams/shop/components/api/dependencies", "DependencyService.dependencies"},
            {"PUT", "v1/teams/shop/components/api/dependencies/db", "DependencyService.add"},
            {"DELETE", "v1/teams/shop/components/api/dependencies/db", "DependencyService.remove"},
            {"GET", "v1/teams/shop/components/api/dependents", "DependencyService.dependents"},
            {"GET", "v1/teams/shop/apps/web/topology", "DependencyService.topology"},
            {"POST", "v1/teams/shop/third-party-components", "ThirdPartyService.create"},
            {"GET", "v1/teams/shop/components/db/registration", "ThirdPartyService.registration"},
            {"PATCH", "v1/teams/shop/components/db/registration", "ThirdPartyService.update"},
            {"POST", "v1/teams/shop/components/db/registration/rotate-key", "ThirdPartyService.rotateKey"},
            {"GET", "v1/registration-methods", "ThirdPartyService.methods"},
        };
        for (String[] route : routes) {
            calls.clear();
            String body = route[0].equals("GET") || route[0].equals("DELETE") ? null : "{}";
            Result r = call(route[0], route[1], body, TOKEN);
            assertEquals(404, r.status(), route[1]);
            assertEquals(List.of(route[2]), calls, route[0] + " " + route[1]);
        }
    }

    @Test
    void withoutTheGatewayMetricsAreAConflictNotAnError() throws Exception {
        Result r = call("GET", "v1/metrics", null, TOKEN);
        assertEquals(409, r.status());
        assertTrue(r.body().contains("gateway is not running"), r.body());
    }

    @Test
    void pushedEndpointsNeedTheComponentsKeyNotAUsersToken() throws Exception {
        Result r = call("PUT", "v1/teams/shop/components/db/endpoints",
                "{\"secret_key\":\"kato-endpoints-x\",\"ip\":\"10.0.0.5\",\"is_online\":true}", null);
        assertEquals(404, r.status(), r.body());
        assertEquals(List.of("ThirdPartyService.putEndpoint"), calls);
        assertEquals(401, call("GET", "v1/teams/shop/components/db/registration", null, null).status(),
                "the registration itself is a user's business");
        calls.clear();
        arguments.clear();
        call("GET", "v1/teams/shop/components/db/endpoints", "{\"secret_key\":\"kato-endpoints-in-the-body\"}",
                null);
        assertEquals(List.of("ThirdPartyService.endpoints"), calls);
        assertEquals("kato-endpoints-in-the-body", arguments.get(0)[2], "a GET takes the key from its body too");
    }

    @Test
    void withoutATokenNothingIsCalledAndTheAnswerIs401ProblemJson() throws Exception {
        Result r = call("GET", "v1/teams", null, null);
        assertEquals(401, r.status());
        assertEquals(Problems.TYPE, r.type());
        assertTrue(calls.isEmpty());
        assertEquals(401, call("GET", "v1/teams", null, "wrong-token-but-long-enough").status());
        assertEquals(200, call("GET", "v1/health", null, null).status());
    }

    @Test
    void domainErrorsMapToTheirStatus() throws Exception {
        answer = m -> {
            throw new PreconditionFailedException("Team 'shop'", 1, 2);
        };
        Result r = call("PATCH", "v1/teams/shop", "{}", TOKEN);
        assertEquals(412, r.status());
        assertTrue(r.body().contains("not 1"), "body: [" + r.body() + "] " + r.type());
    }

    @Test
    void malformedJsonIs400NamingTheFieldAndNeverReachesTheCore() throws Exception {
        Result broken = call("POST", "v1/teams", "{\"name\": ", TOKEN);
        assertEquals(400, broken.status());
        assertEquals(Problems.TYPE, broken.type());
        Result typo = call("POST", "v1/teams", "{\"nmae\":\"x\"}", TOKEN);
        assertEquals(400, typo.status());
        assertTrue(typo.body().contains("\"field\":\"nmae\""), typo.body());
        Result badEnum = call("PUT", "v1/teams/shop/members/vera", "{\"role\":\"owner\"}", TOKEN);
        assertTrue(badEnum.body().contains("viewer, developer, admin"), badEnum.body());
        assertTrue(calls.isEmpty(), calls.toString());
    }

    @Test
    void ifMatchAcceptsStrongWeakAndAnyButNotGarbage() {
        assertEquals(Long.valueOf(3), ResourceSupport.expected("\"3\""));
        assertEquals(Long.valueOf(3), ResourceSupport.expected("W/\"3\""));
        assertEquals(null, ResourceSupport.expected("*"));
        assertEquals("invalid-input", org.junit.jupiter.api.Assertions.assertThrows(
                io.kato.api.ValidationException.class, () -> ResourceSupport.expected("\"abc\"")).kind());
    }

    @Test
    void openApiDocumentsEveryResourceAndMarksPublicOnes() {
        Map<String, Object> doc = new OpenApi(RestApplication.RESOURCES).document();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) doc
                .get("paths");
        assertTrue(paths.containsKey("/api/v1/teams/{team}/components/{component}/ports/{port}"));
        assertEquals(List.of(), paths.get("/api/v1/health").get("get").get("security"));
        assertFalse(paths.get("/api/v1/teams").get("post").containsKey("security"));
        assertTrue(paths.get("/api/v1/teams").get("post").containsKey("requestBody"));
    }

    private static final class Anonymous implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    }
}
