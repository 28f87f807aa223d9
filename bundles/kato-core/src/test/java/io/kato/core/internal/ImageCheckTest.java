package io.kato.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.PageRequest;
import io.kato.api.ValidationException;
import io.kato.api.model.Component;
import io.kato.api.model.DeployType;
import io.kato.api.model.EnvVar;
import io.kato.api.model.ImageCheck;
import io.kato.api.model.ImageReport;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.SourceKind;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.model.Version;
import io.kato.api.service.AppService.AppDraft;
import io.kato.api.service.CredentialService.CredentialDraft;
import io.kato.api.service.ImageCheckService.ImageCheckRequest;
import io.kato.api.service.TeamService.TeamDraft;
import io.kato.image.testing.OciLayout;
import io.kato.image.testing.RegistryServer;
import io.kato.store.Store;
import io.kato.store.internal.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image checks end to end in the core, against real registries on loopback: a private one
 * with bearer tokens and an open one, filled by skopeo. KATO_TEST_REGISTRY=skip leaves them out.
 * The components made run on the kubernetes runtime against Fabric8's mock API server.
 */
@io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient(crud = true)
class ImageCheckTest {
    static io.fabric8.kubernetes.client.KubernetesClient kubernetes;
    @TempDir
    static Path registries;
    private static RegistryServer privateRegistry;
    private static RegistryServer openRegistry;
    private static OciLayout.Image web;
    private final Actor admin = new Actor("root", null, true, Map.of(), null);
    private Store store;
    private Secrets secrets;
    private ImageCheckServiceImpl checks;
    private ComponentServiceImpl components;
    private JobWorkers workers;

    @BeforeAll
    static void fill() throws Exception {
        Assumptions.assumeFalse("skip".equals(System.getenv("KATO_TEST_REGISTRY")), "KATO_TEST_REGISTRY=skip");
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
        OciLayout layout = new OciLayout(registries.resolve("layout"));
        web = layout.image("linux", arch, """
                {"Env":["PATH=/usr/bin","GREETING=hi"],"ExposedPorts":{"8080/tcp":{}},
                 "Cmd":["/srv/web","--port","8080"],"WorkingDir":"/srv"}""");
        layout.tag("1", web);
        layout.tag("16", layout.image("linux", arch, """
                {"Env":["PGDATA=/var/lib/postgresql/data"],"ExposedPorts":{"5432/tcp":{}},
                 "Volumes":{"/var/lib/postgresql/data":{}},"Entrypoint":["docker-entrypoint.sh"],"Cmd":["postgres"]}"""));
        privateRegistry = RegistryServer.start(registries.resolve("private"), RegistryServer.Mode.TOKEN);
        privateRegistry.push(layout, "1", "shop/web");
        openRegistry = RegistryServer.start(registries.resolve("open"), RegistryServer.Mode.OPEN);
        openRegistry.push(layout, "16", "postgres");
    }

    @AfterAll
    static void stop() {
        if (privateRegistry != null) {
            privateRegistry.close();
        }
        if (openRegistry != null) {
            openRegistry.close();
        }
    }

    @BeforeEach
    void setUp() {
        store = TestStores.newDerbyStore();
        new TeamServiceImpl(store, Clock.systemUTC()).create(admin, new TeamDraft("shop", null, null));
        new AppServiceImpl(store, Clock.systemUTC()).create(admin, "shop", new AppDraft("web", null, null));
        secrets = new Secrets(new SecretCipher(SecretCipherTest.randomKey()));
        CredentialServiceImpl credentials = new CredentialServiceImpl(store, secrets, Clock.systemUTC());
        credentials.create(admin, "shop", new CredentialDraft("registry", "password", RegistryServer.USER,
                RegistryServer.PASSWORD));
        checks = new ImageCheckServiceImpl(store, secrets, Clock.systemUTC());
        Runtimes runtimes = new Runtimes("local");
        components = new ComponentServiceImpl(store, secrets, runtimes, Clock.systemUTC());
        workers = new JobWorkers(store, Clock.systemUTC(), "test", Duration.ofSeconds(30), Runnable::run, 1);
        workers.addHandler(ImageCheckServiceImpl.JOB_KIND, new ImageCheckJob(store, secrets, credentials));
    }

    private ImageCheck run(ImageCheckRequest request) {
        ImageCheck queued = checks.start(admin, "shop", request);
        assertEquals(ImageCheck.QUEUED, queued.status());
        assertEquals(1, workers.pollOnce());
        return checks.get(admin, "shop", queued.id());
    }

    @Test
    void anImageBecomesAComponentWhoseFirstVersionIsThePinnedImage() {
        String image = privateRegistry.address() + "/shop/web:1";
        ImageCheck c = run(new ImageCheckRequest(image, null, null, "registry", null, true));
        assertEquals(ImageCheck.SUCCEEDED, c.status(), c.message());
        assertEquals(image, c.image());
        ImageReport.Service s = c.report().services().get(0);
        assertEquals("web", s.name(), "named after the repository");
        assertEquals(image + "@" + web.digest(), s.image());
        assertEquals(List.of(new EnvVar("GREETING", "hi", io.kato.api.model.EnvScope.RUNTIME, false)), s.env(),
                "the image's env, PATH left out");
        assertEquals(List.of(new Port(8080, Protocol.HTTP, null, true, false)), s.ports());
        assertEquals(List.of("/srv/web", "--port", "8080"), s.command());
        assertEquals("/srv", s.workdir());
        assertEquals(DeployType.STATELESS_MULTIPLE, s.deployType());

        List<Component> made = components.createFromImages(admin, "shop", c.id(), "web", null);
        Component component = made.get(0);
        assertEquals(SourceKind.IMAGE, component.sourceKind());
        assertEquals(s.image(), component.source().url());
        BuildServiceImpl builds = new BuildServiceImpl(store, new Runtimes("local"), Clock.systemUTC());
        Version v = builds.versions(admin, "shop", "web", new PageRequest(0, 10)).items().get(0);
        assertEquals(1, v.number());
        assertEquals(s.image(), v.artifact());
        assertEquals("image", v.strategy());

        // the local runtime runs processes built from source, never an image: said, and nothing changes
        ConflictException local = assertThrows(ConflictException.class, () -> components.start(admin, "shop", "web"));
        assertTrue(local.getMessage().contains("kubernetes runtime"), local.getMessage());
        assertFalse(components.get(admin, "shop", "web").desiredRunning());
        ConflictException twice = assertThrows(ConflictException.class,
                () -> components.createFromImages(admin, "shop", c.id(), "web", null));
        assertTrue(twice.getMessage().contains("already exists"), twice.getMessage());
    }

    @Test
    void anImageComponentStartsScalesAndStopsOnTheKubernetesRuntime() throws Exception {
        ImageCheck c = run(new ImageCheckRequest(openRegistry.address() + "/postgres:16", null, null, null, null,
                true));
        assertEquals(ImageCheck.SUCCEEDED, c.status(), c.message());
        Runtimes onCluster = new Runtimes("kubernetes");
        io.kato.api.runtime.Runtime watching = io.kato.runtime.kubernetes.internal.KubernetesRuntimes.onClient(kubernetes);
        onCluster.addRuntime(watching);
        await("the watch", () -> watching.health().up()); // the reconciler leaves a runtime that is not up alone
        ComponentServiceImpl cluster = new ComponentServiceImpl(store, secrets, onCluster, Clock.systemUTC());
        cluster.createFromImages(admin, "shop", c.id(), "web", null);
        Reconciler reconciler = new Reconciler(store, onCluster, new Deployments(store, secrets)::of);

        cluster.start(admin, "shop", "postgres");
        assertEquals(1, reconciler.reconcileAll());
        var set = kubernetes.apps().statefulSets().inNamespace("kato-shop").withName("postgres").get();
        assertEquals(1, set.getSpec().getReplicas(), "a database image runs as a StatefulSet");
        assertEquals(openRegistry.address() + "/postgres:16@" + c.report().services().get(0).digest(),
                set.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(List.of("docker-entrypoint.sh", "postgres"),
                set.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());

        cluster.scale(admin, "shop", "postgres", 2, 1024);
        reconciler.reconcileAll();
        set = kubernetes.apps().statefulSets().inNamespace("kato-shop").withName("postgres").get();
        assertEquals(2, set.getSpec().getReplicas());
        assertEquals("1024Mi", set.getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
                .getLimits().get("memory").toString());

        cluster.stop(admin, "shop", "postgres");
        reconciler.reconcileAll();
        assertNull(kubernetes.apps().statefulSets().inNamespace("kato-shop").withName("postgres").get(),
                "stopped: the runtime holds nothing for it (the core's contract for a stopped component)");
    }

    /**
     * What a kubelet would do for the component's workload: its pods replaced by ready ones of
     * the current template (the mock API server runs no pods).
     */
    private static void kubelet(String name) {
        var d = kubernetes.apps().deployments().inNamespace("kato-shop").withName(name).get();
        var template = d.getSpec().getTemplate();
        String component = template.getMetadata().getLabels().get("kato.io/component-id");
        kubernetes.pods().inNamespace("kato-shop").withLabel("kato.io/component-id", component).delete();
        for (int i = 0; i < d.getSpec().getReplicas(); i++) {
            kubernetes.pods().inNamespace("kato-shop").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                    .withNewMetadata().withName(name + "-" + template.getMetadata().getAnnotations()
                            .get("kato.io/revision") + "-" + i + "-" + Math.abs(template.hashCode() % 1000))
                    .withLabels(template.getMetadata().getLabels())
                    .withAnnotations(template.getMetadata().getAnnotations()).endMetadata()
                    .withSpec(template.getSpec()).withNewStatus().withPhase("Running").withPodIP("10.1.0." + (i + 2))
                    .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build())
                    .create();
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void anImageComponentIsPulledAgainUpgradedRolledBackAndRestartedOnTheKubernetesRuntime() throws Exception {
        String image = privateRegistry.address() + "/shop/web:1";
        ImageCheck c = run(new ImageCheckRequest(image, null, null, "registry", null, true));
        Runtimes onCluster = new Runtimes("kubernetes");
        io.kato.api.runtime.Runtime runtime = io.kato.runtime.kubernetes.internal.KubernetesRuntimes.onClient(kubernetes);
        onCluster.addRuntime(runtime);
        await("the watch", () -> runtime.health().up());
        ComponentServiceImpl cluster = new ComponentServiceImpl(store, secrets, onCluster, Clock.systemUTC());
        BuildServiceImpl builds = new BuildServiceImpl(store, onCluster, Clock.systemUTC());
        CredentialServiceImpl credentials = new CredentialServiceImpl(store, secrets, Clock.systemUTC());
        workers.addHandler(BuildServiceImpl.JOB_KIND, new BuildJob(store, null, null, onCluster, secrets,
                registries.resolve("cache"), new ImagePulls(store, credentials,
                new io.kato.image.RegistryClient(Duration.ofSeconds(10)))));
        cluster.createFromImages(admin, "shop", c.id(), "web", null);
        Reconciler reconciler = new Reconciler(store, onCluster, new Deployments(store, secrets)::of);
        java.util.function.Supplier<String> running = () -> kubernetes.apps().deployments().inNamespace("kato-shop")
                .withName("web").get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        try {
            Event start = cluster.starting(admin, "shop", "web").event();
            reconciler.reconcileAll();
            kubelet("web");
            await("the start to converge", () -> reconciler.settleOperations() == 0);
            assertEquals(EventStatus.SUCCEEDED, event(start).status());
            assertEquals(image + "@" + web.digest(), running.get());

            // the tag moves on: a build reads it again and makes version 2, no build on the cluster
            String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
            OciLayout newer = new OciLayout(registries.resolve("newer-" + System.nanoTime()));
            OciLayout.Image two = newer.image("linux", arch, """
                    {"Env":["GREETING=hello"],"ExposedPorts":{"8080/tcp":{}},"Cmd":["/srv/web2"]}""");
            newer.tag("1", two);
            privateRegistry.push(newer, "1", "shop/web");
            builds.build(admin, "shop", "web");
            assertEquals(1, workers.pollOnce());
            Version v2 = builds.versions(admin, "shop", "web", new PageRequest(0, 10)).items().get(0);
            assertEquals(2, v2.number(), builds.versions(admin, "shop", "web", new PageRequest(0, 10)).toString());
            assertEquals(image + "@" + two.digest(), v2.artifact());
            assertEquals(List.of("/srv/web", "--port", "8080"), v2.startCommand(), "the component's command kept");
            assertEquals(image + "@" + web.digest(), running.get(), "a new version runs only when upgraded");

            Event upgrade = cluster.upgrade(admin, "shop", "web");
            reconciler.reconcileAll();
            assertEquals(image + "@" + two.digest(), running.get());
            assertEquals(1, reconciler.settleOperations(), "open until the new pods are ready");
            kubelet("web");
            await("the upgrade to converge", () -> reconciler.settleOperations() == 0);
            assertEquals(EventStatus.SUCCEEDED, event(upgrade).status());

            cluster.rollback(admin, "shop", "web", 1);
            reconciler.reconcileAll();
            assertEquals(image + "@" + web.digest(), running.get(), "rolled back");

            String revision = kubernetes.apps().deployments().inNamespace("kato-shop").withName("web").get().getSpec()
                    .getTemplate().getMetadata().getAnnotations().get("kato.io/revision");
            cluster.restart(admin, "shop", "web");
            reconciler.reconcileAll();
            String restarted = kubernetes.apps().deployments().inNamespace("kato-shop").withName("web").get()
                    .getSpec().getTemplate().getMetadata().getAnnotations().get("kato.io/revision");
            assertTrue(Long.parseLong(restarted) > Long.parseLong(revision), revision + " -> " + restarted);
        } finally {
            cluster.stop(admin, "shop", "web");
            reconciler.reconcileAll();
            reconciler.deactivate();
            kubernetes.pods().inNamespace("kato-shop").delete();
        }
    }

    private Event event(Event e) {
        return new EventServiceImpl(store).get(admin, "shop", e.id());
    }

    @Test
    void aComposeFileBecomesComponentsWithSecretsSealedAndDependencies() throws Exception {
        String compose = """
                services:
                  shop_web:
                    image: %s/shop/web:1
                    ports: ["80:8080"]
                    environment:
                      DB_PASSWORD: pa55word
                      DB_HOST: db
                    depends_on: [db]
                  db:
                    image: %s/postgres:16
                    environment:
                      - POSTGRES_PASSWORD=pa55word
                    mem_limit: 512m
                """.formatted(privateRegistry.address(), openRegistry.address());
        ValidationException which = assertThrows(ValidationException.class, () -> checks.start(admin, "shop",
                new ImageCheckRequest(null, null, compose, "registry", null, true)));
        assertTrue(which.getMessage().contains("say which one the credential is for"), which.getMessage());
        ImageCheck c = run(new ImageCheckRequest(null, null, compose, "registry", privateRegistry.address(), true));
        assertEquals(ImageCheck.SUCCEEDED, c.status(), c.message());
        assertNull(c.image(), "a compose file may hold passwords: it is not shown again");
        ImageReport.Service web = c.report().services().get(0);
        assertEquals("shop-web", web.name());
        assertEquals(List.of("db"), web.dependsOn());
        assertEquals(List.of(new Port(8080, Protocol.HTTP, null, true, true)), web.ports(), "published: outer");
        EnvVar password = web.env().stream().filter(e -> e.name().equals("DB_PASSWORD")).findFirst().orElseThrow();
        assertTrue(password.secret());
        assertEquals(EnvVar.MASK, password.value());
        ImageReport.Service db = c.report().services().get(1);
        assertEquals(DeployType.STATEFUL_SINGLE, db.deployType(), "a database image");
        assertEquals(List.of(new ImageReport.Volume("/var/lib/postgresql/data", null)), db.volumes());
        assertEquals(List.of(new Port(5432, Protocol.TCP, null, true, false)), db.ports());
        assertEquals(512, db.memoryMb());
        assertEquals(List.of("docker-entrypoint.sh", "postgres"), db.command());
        String stored = store.inTransaction(tx -> new io.kato.store.ImageCheckRows(tx).byId(c.id())).orElseThrow()
                .reportJson() + store.inTransaction(tx -> new io.kato.store.ImageCheckRows(tx).byId(c.id()))
                .orElseThrow().inputSealed();
        assertFalse(stored.contains("pa55word"), "sealed in the store");

        List<Component> made = components.createFromImages(admin, "shop", c.id(), "web", List.of("db"));
        assertEquals(List.of("db"), made.stream().map(Component::name).toList());
        Component dbComponent = made.get(0);
        assertEquals(512, dbComponent.memoryMb());
        assertEquals(DeployType.STATEFUL_SINGLE, dbComponent.deployType());
        EnvVar dbPassword = dbComponent.env().stream().filter(e -> e.name().equals("POSTGRES_PASSWORD")).findFirst()
                .orElseThrow();
        assertTrue(dbPassword.secret());
        assertEquals(EnvVar.MASK, dbPassword.value());
        ValidationException unknown = assertThrows(ValidationException.class,
                () -> components.createFromImages(admin, "shop", c.id(), "web", List.of("cache")));
        assertTrue(unknown.getMessage().contains("has no service 'cache'"), unknown.getMessage());

        // the web service, made after db: its depends_on becomes a dependency on the db made before
        components.createFromImages(admin, "shop", c.id(), "web", List.of("shop-web"));
        DependencyServiceImpl dependencies = new DependencyServiceImpl(store, components, new ConnectionInfo(secrets,
                new Runtimes("local")), Clock.systemUTC());
        assertEquals(List.of("db"), dependencies.dependencies(admin, "shop", "shop-web").stream()
                .map(io.kato.api.model.Dependency::component).toList());
    }

    @Test
    void badInputIsRefusedAtOnceAndStoresNothing() {
        ValidationException option = assertThrows(ValidationException.class, () -> checks.start(admin, "shop",
                new ImageCheckRequest(null, "docker run --frobnicate x nginx", null, null, null, null)));
        assertTrue(option.getMessage().contains("'--frobnicate' is not a docker run option"), option.getMessage());
        ValidationException field = assertThrows(ValidationException.class, () -> checks.start(admin, "shop",
                new ImageCheckRequest(null, null, "services:\n  web: {image: nginx, ports: ['x']}\n", null, null,
                        null)));
        assertTrue(field.getMessage().contains("service 'web', field 'ports[0]'"), field.getMessage());
        ValidationException two = assertThrows(ValidationException.class, () -> checks.start(admin, "shop",
                new ImageCheckRequest("nginx", "docker run nginx", null, null, null, null)));
        assertTrue(two.getMessage().contains("exactly one of image, dockerRun and compose"), two.getMessage());
        ValidationException credential = assertThrows(ValidationException.class, () -> checks.start(admin, "shop",
                new ImageCheckRequest("nginx", null, null, "nope", null, null)));
        assertTrue(credential.getMessage().contains("no credential 'nope'"), credential.getMessage());
        ValidationException lonely = assertThrows(ValidationException.class, () -> checks.start(admin, "shop",
                new ImageCheckRequest("nginx", null, null, null, "docker.io", null)));
        assertTrue(lonely.getMessage().contains("name the credential too"), lonely.getMessage());
        ValidationException elsewhere = assertThrows(ValidationException.class, () -> checks.start(admin, "shop",
                new ImageCheckRequest("nginx", null, null, "registry", "ghcr.io", null)));
        assertTrue(elsewhere.getMessage().contains("no image of this check is on 'ghcr.io'"),
                elsewhere.getMessage());
        assertEquals(0, checks.list(admin, "shop", new PageRequest(0, 10)).total());
    }

    @Test
    void whatTheRegistrySaysEndsTheCheckWithItsReason() {
        ImageCheck missing = run(new ImageCheckRequest(privateRegistry.address() + "/shop/web:9", null, null,
                "registry", null, true));
        assertEquals(ImageCheck.FAILED, missing.status());
        assertTrue(missing.message().contains("is not in registry"), missing.message());
        ImageCheck anonymous = run(new ImageCheckRequest(privateRegistry.address() + "/shop/web:1", null, null, null,
                null, true));
        assertEquals(ImageCheck.FAILED, anonymous.status());
        assertTrue(anonymous.message().contains("add a registry credential"), anonymous.message());
        ImageCheck named = run(new ImageCheckRequest(null, null, "services:\n  db:\n    image: "
                + openRegistry.address() + "/postgres:17\n", null, null, true));
        assertTrue(named.message().startsWith("service 'db': "), named.message());
    }
}
