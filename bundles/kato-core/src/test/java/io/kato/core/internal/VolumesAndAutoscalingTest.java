package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.Actor;
import io.kato.api.NotFoundException;
import io.kato.api.ValidationException;
import io.kato.api.model.Autoscaling;
import io.kato.api.model.Component;
import io.kato.api.model.DeployType;
import io.kato.api.model.EnvScope;
import io.kato.api.model.EnvVar;
import io.kato.api.model.ImageReport;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.Role;
import io.kato.api.model.Volume;
import io.kato.api.model.VolumeType;
import io.kato.api.runtime.Deployment;
import io.kato.api.service.AppService.AppDraft;
import io.kato.api.service.ComponentService.ComponentChanges;
import io.kato.api.service.ComponentService.ComponentDraft;
import io.kato.api.service.TeamService.TeamDraft;
import io.kato.store.BuildRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.internal.TestStores;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Volumes, config files and autoscaling rules: validated, stored, audited and handed to the runtime. */
class VolumesAndAutoscalingTest {
    private final Actor admin = Actor.system();
    private Store store;
    private Secrets secrets;
    private ComponentServiceImpl components;
    private VolumeServiceImpl volumes;
    private AutoscalingServiceImpl autoscaling;
    private Component api;

    @BeforeEach
    void setUp() {
        store = TestStores.newDerbyStore();
        secrets = new Secrets(new SecretCipher(SecretCipherTest.randomKey()));
        Clock clock = Clock.systemUTC();
        components = new ComponentServiceImpl(store, secrets, new Runtimes("local"), clock);
        volumes = new VolumeServiceImpl(store, clock);
        autoscaling = new AutoscalingServiceImpl(store, clock);
        new TeamServiceImpl(store, clock).create(admin, new TeamDraft("shop", null, null));
        new AppServiceImpl(store, clock).create(admin, "shop", new AppDraft("web", null, null));
        api = components.create(admin, "shop", new ComponentDraft("api", "web", null, null, 2, 256, null,
                List.of(new Port(8080, Protocol.HTTP, "API", true, true)),
                List.of(new EnvVar("MODE", "prod", EnvScope.RUNTIME, false),
                        new EnvVar("DB_PASSWORD", "pa55", EnvScope.RUNTIME, true),
                        new EnvVar("MAVEN_OPTS", "-q", EnvScope.BUILD, false)), null, null));
    }

    private static String field(Executable call) {
        return assertThrows(ValidationException.class, call).errors().get(0).field();
    }

    @Test
    void volumesAreValidatedFilledInAndListedByName() {
        Volume data = volumes.put(admin, "shop", "api", new Volume("data", VolumeType.SHARE_FILE, "/srv/data", null,
                null));
        assertEquals(1024, data.sizeMb(), "the default size");
        volumes.put(admin, "shop", "api", new Volume("conf", VolumeType.CONFIG_FILE, "/etc/api.conf", null, "a=1\n"));
        volumes.put(admin, "shop", "api", new Volume("tmp", VolumeType.MEMORY, "/tmp/x", null, null));
        assertEquals(List.of("conf", "data", "tmp"), volumes.list(admin, "shop", "api").stream().map(Volume::name)
                .toList());
        assertEquals(64, volumes.list(admin, "shop", "api").get(2).sizeMb());

        assertEquals("name", field(() -> volumes.put(admin, "shop", "api", new Volume("Data!", VolumeType.MEMORY,
                "/x", null, null))));
        assertEquals("path", field(() -> volumes.put(admin, "shop", "api", new Volume("x", VolumeType.MEMORY,
                "relative/path", null, null))));
        assertEquals("path", field(() -> volumes.put(admin, "shop", "api", new Volume("x", VolumeType.MEMORY,
                "/srv/../etc", null, null))));
        assertEquals("path", field(() -> volumes.put(admin, "shop", "api", new Volume("x", VolumeType.MEMORY,
                "/srv/data", null, null))), "taken by data");
        assertEquals("content", field(() -> volumes.put(admin, "shop", "api", new Volume("x",
                VolumeType.CONFIG_FILE, "/etc/x", null, null))));
        assertEquals("content", field(() -> volumes.put(admin, "shop", "api", new Volume("x",
                VolumeType.CONFIG_FILE, "/etc/x", null, "x".repeat(VolumeServiceImpl.MAX_CONTENT_BYTES + 1)))));
        assertEquals("content", field(() -> volumes.put(admin, "shop", "api", new Volume("x", VolumeType.SHARE_FILE,
                "/x", null, "text"))));
        assertEquals("sizeMb", field(() -> volumes.put(admin, "shop", "api", new Volume("x", VolumeType.SHARE_FILE,
                "/x", 0, null))));
        assertEquals("type", field(() -> volumes.put(admin, "shop", "api", new Volume("x", VolumeType.LOCAL,
                "/x", null, null))), "a stateless component has no per-instance storage");
        assertEquals(3, volumes.list(admin, "shop", "api").size(), "nothing half-written");

        // replacing by name may keep the path
        volumes.put(admin, "shop", "api", new Volume("data", VolumeType.SHARE_FILE, "/srv/data", 4096, null));
        assertEquals(4096, volumes.list(admin, "shop", "api").get(1).sizeMb());
        volumes.remove(admin, "shop", "api", "tmp");
        assertThrows(NotFoundException.class, () -> volumes.remove(admin, "shop", "api", "tmp"));
        List<String> audited = store.inTransaction(tx -> tx.query("SELECT after_state FROM audit_records WHERE"
                + " action = 'put-volume'", rs -> rs.getString(1)));
        assertEquals(4, audited.size());
        assertTrue(audited.stream().noneMatch(a -> a.contains("a=1")), "the audit keeps a file's size, not its text");
    }

    /** A component's update rewrites its ports and env; its probes, volumes and rule were once lost with them. */
    @Test
    void aChangedComponentKeepsItsProbesVolumesAndRule() {
        components.setProbes(admin, "shop", "api", List.of(new io.kato.api.build.ProbeSpec(
                io.kato.api.build.ProbeSpec.Purpose.READINESS, io.kato.api.build.ProbeSpec.Kind.HTTP, 0, "/health", 0, 5,
                2, 1, 3)));
        volumes.put(admin, "shop", "api", new Volume("data", VolumeType.SHARE_FILE, "/srv/data", null, null));
        autoscaling.set(admin, "shop", "api", new Autoscaling(1, 3, Autoscaling.Metric.CPU, 100));
        components.update(admin, "shop", "api", new ComponentChanges(null, 3, null, null), null);
        components.putEnv(admin, "shop", "api", new EnvVar("MORE", "1", EnvScope.RUNTIME, false), null);
        assertEquals(1, components.probes(admin, "shop", "api").size());
        assertEquals(1, volumes.list(admin, "shop", "api").size());
        assertTrue(autoscaling.get(admin, "shop", "api").isPresent());
        components.delete(admin, "shop", "api", null);
        assertEquals(0L, (long) store.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM component_volumes")));
        assertEquals(List.of(api.id()), store.inTransaction(tx -> new io.kato.store.ComponentRows(tx)
                .pendingPurges(10)), "its runtime data is still to be dropped");
    }

    @Test
    void localVolumesTieTheComponentToAStatefulDeployType() {
        components.update(admin, "shop", "api", new ComponentChanges(null, null, null, DeployType.STATEFUL_MULTIPLE),
                null);
        volumes.put(admin, "shop", "api", new Volume("data", VolumeType.LOCAL, "/var/lib/data", 10240, null));
        ValidationException back = assertThrows(ValidationException.class, () -> components.update(admin, "shop",
                "api", new ComponentChanges(null, null, null, DeployType.STATELESS_MULTIPLE), null));
        assertEquals("deployType", back.errors().get(0).field());
        assertEquals(DeployType.STATEFUL_MULTIPLE, components.get(admin, "shop", "api").deployType(), "unchanged");
    }

    @Test
    void aViewerReadsButCannotChange() {
        Actor viewer = new Actor("vera", "u-vera", false, Map.of(api.teamId(), Role.VIEWER), null);
        assertEquals(List.of(), volumes.list(viewer, "shop", "api"));
        assertThrows(io.kato.api.ForbiddenException.class, () -> volumes.put(viewer, "shop", "api",
                new Volume("x", VolumeType.MEMORY, "/x", null, null)));
        assertThrows(io.kato.api.ForbiddenException.class, () -> autoscaling.set(viewer, "shop", "api",
                new Autoscaling(1, 2, Autoscaling.Metric.CPU, 100)));
    }

    @Test
    void autoscalingRulesAreBounded() {
        assertTrue(autoscaling.get(admin, "shop", "api").isEmpty());
        Autoscaling rule = new Autoscaling(2, 5, Autoscaling.Metric.MEMORY, 200);
        assertEquals(rule, autoscaling.set(admin, "shop", "api", rule));
        assertEquals(rule, autoscaling.get(admin, "shop", "api").orElseThrow());
        assertEquals("maxInstances", field(() -> autoscaling.set(admin, "shop", "api",
                new Autoscaling(3, 2, Autoscaling.Metric.CPU, 100))));
        assertEquals("minInstances", field(() -> autoscaling.set(admin, "shop", "api",
                new Autoscaling(0, 2, Autoscaling.Metric.CPU, 100))));
        assertEquals("target", field(() -> autoscaling.set(admin, "shop", "api",
                new Autoscaling(1, 2, Autoscaling.Metric.MEMORY, 512))), "above the component's 256 MB");
        assertEquals("metric", field(() -> autoscaling.set(admin, "shop", "api", new Autoscaling(1, 2, null, 1))));
        assertEquals(rule, autoscaling.get(admin, "shop", "api").orElseThrow(), "unchanged by refused ones");
        autoscaling.clear(admin, "shop", "api");
        autoscaling.clear(admin, "shop", "api");
        assertTrue(autoscaling.get(admin, "shop", "api").isEmpty());
    }

    @Test
    void theDeploymentCarriesVolumesAutoscalingSecretNamesAndRoutes() {
        volumes.put(admin, "shop", "api", new Volume("conf", VolumeType.CONFIG_FILE, "/etc/api.conf", null, "a=1\n"));
        autoscaling.set(admin, "shop", "api", new Autoscaling(1, 4, Autoscaling.Metric.CPU, 250));
        store.inTransaction(tx -> {
            new BuildRows(tx).insertVersion(new BuildRows.VersionRow(Rows.newId(), api.id(), 1, Rows.newId(), "image",
                    "registry.example.org/api@sha256:" + "a".repeat(64), "[]", "a".repeat(64), "1", "root", "image",
                    Instant.now()));
            return null;
        });
        Deployment.Route way = new Deployment.Route("api.example.org", "/", 8080, 100, true, Map.of(), null, null);
        Component stored = store.inTransaction(tx -> new io.kato.store.ComponentRows(tx).byId(api.id())).orElseThrow();
        Deployment d = new Deployments(store, secrets, (team, c) -> List.of(way), (c, env, secret) -> List.of()).of(stored.running(true))
                .orElseThrow();
        assertEquals(Set.of("DB_PASSWORD"), d.secretEnv());
        assertEquals("pa55", d.env().get("DB_PASSWORD"), "opened for the runtime");
        assertNull(d.env().get("MAVEN_OPTS"), "build-scope variables stay with builds");
        assertEquals("a=1\n", d.volumes().get(0).content());
        assertEquals(4, d.autoscaling().maxInstances());
        assertEquals(List.of(way), d.routes());
        assertTrue(!d.toString().contains("pa55"), d.toString());
    }

    @Test
    void aComponentFromAnImageKeepsItsImagesVolumes() {
        ImageReport.Service db = new ImageReport.Service("db", "postgres@sha256:" + "b".repeat(64),
                "sha256:" + "b".repeat(64), "linux/amd64", List.of(), List.of(), List.of(
                        new ImageReport.Volume("/var/lib/postgresql/data/", null),
                        new ImageReport.Volume("/var/lib/postgresql.data", null)), null, List.of(), null, null,
                DeployType.STATEFUL_SINGLE, List.of(), List.of(), 0);
        List<Volume> v = VolumeServiceImpl.ofImage(db);
        assertEquals(List.of("var-lib-postgresql-data", "var-lib-postgresql-data-2"), v.stream().map(Volume::name)
                .toList());
        assertEquals("/var/lib/postgresql/data", v.get(0).path(), "without the trailing slash");
        assertEquals(VolumeType.LOCAL, v.get(0).type(), "a stateful service keeps data per instance");
    }
}
