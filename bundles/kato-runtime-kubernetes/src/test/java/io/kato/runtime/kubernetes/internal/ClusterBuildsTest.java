package io.kato.runtime.kubernetes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kato.api.build.BuildPlan;
import io.kato.api.runtime.BuildRequest;
import io.kato.api.runtime.RuntimeFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source build in the cluster against Fabric8's mock API server, which runs no pods: a
 * stand-in kubelet plays the build pod (the receiver waiting, then the builder ending with
 * the digest it pushed, or failing), and a stand-in upload keeps what would be sent.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterBuildsTest {
    static KubernetesClient client;
    private static final String DIGEST = "sha256:" + "e".repeat(64);
    private static final BuildPlan PLAN = new BuildPlan("pip", List.of(), ".", List.of("sh", "-c", "python3 app.py"),
            List.of(), new BuildPlan.ContainerRecipe("python:3.12-slim", List.of("COPY . /app", "WORKDIR /app",
            "CMD python3 app.py")));
    @TempDir
    Path workspace;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicReference<Path> sent = new AtomicReference<>();
    private Thread kubelet;

    @BeforeEach
    void source() throws Exception {
        Files.writeString(workspace.resolve("app.py"), "print('hi')\n");
    }

    @AfterEach
    void stopKubelet() throws InterruptedException {
        if (kubelet != null) {
            kubelet.interrupt();
            kubelet.join(5000);
        }
    }

    private KubernetesRuntime runtime(String registry) {
        // a build that hangs fails the test within a minute rather than the default half hour
        return new KubernetesRuntime(client, "kato-", new ClusterBuilds.Settings(registry, "kato-builds",
                "gcr.io/kaniko-project/executor:v1.23.2", "busybox:1.36", "", false, Duration.ofSeconds(30)),
                (c, pod, context) -> {
                    Path copy = Files.createTempDirectory("kato-sent");
                    try (var files = Files.list(context)) {
                        for (Path f : files.toList()) {
                            Files.copy(f, copy.resolve(f.getFileName()));
                        }
                    }
                    // the receiver exits once the context is there; the builder starts
                    update(pod, p -> p.editStatus().withInitContainerStatuses(new ContainerStatusBuilder()
                            .withName(ClusterBuilds.RECEIVER).withNewState().withNewTerminated().withExitCode(0)
                            .endTerminated().endState().build()).withContainerStatuses(new ContainerStatusBuilder()
                            .withName(ClusterBuilds.BUILDER).withNewState().withNewRunning().endRunning().endState()
                            .build()).endStatus());
                    sent.set(copy); // only now: the stand-in kubelet's next update must not race this one
                });
    }

    private static void update(Pod pod, java.util.function.UnaryOperator<PodBuilder> change) {
        Pod now = client.pods().inNamespace("kato-builds").withName(pod.getMetadata().getName()).get();
        client.pods().inNamespace("kato-builds").resource(change.apply(new PodBuilder(now)).build()).update();
    }

    /** Plays the node: the job's pod appears with its receiver running; once the context came, the builder ends. */
    private void kubelet(int exitCode) {
        kubelet = new Thread(() -> {
            try {
                Job job = null;
                while (job == null) {
                    job = client.batch().v1().jobs().inNamespace("kato-builds").list().getItems().stream()
                            .filter(j -> !j.getMetadata().getName().endsWith("-dead")).findFirst().orElse(null);
                    Thread.sleep(50);
                }
                String name = job.getMetadata().getName();
                Pod pod = client.pods().inNamespace("kato-builds").resource(new PodBuilder().withNewMetadata()
                        .withName(name + "-x1y2z").withLabels(Map.of("job-name", name)).endMetadata()
                        .withSpec(job.getSpec().getTemplate().getSpec()).withNewStatus().withPhase("Pending")
                        .withInitContainerStatuses(new ContainerStatusBuilder().withName(ClusterBuilds.RECEIVER)
                                .withNewState().withNewRunning().endRunning().endState().build())
                        .endStatus().build()).create();
                while (sent.get() == null) {
                    Thread.sleep(50);
                }
                update(pod, p -> p.editStatus().withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                        .withContainerStatuses(new ContainerStatusBuilder().withName(ClusterBuilds.BUILDER)
                                .withNewState().withNewTerminated().withExitCode(exitCode)
                                .withReason(exitCode == 0 ? "Completed" : "Error")
                                .withMessage(exitCode == 0 ? DIGEST : "").endTerminated().endState().build())
                        .endStatus());
                Job done = client.batch().v1().jobs().inNamespace("kato-builds").withName(name).get();
                done.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
                        .withSucceeded(exitCode == 0 ? 1 : 0).withFailed(exitCode == 0 ? 0 : 1).build());
                client.batch().v1().jobs().inNamespace("kato-builds").resource(done).update();
            } catch (InterruptedException stop) {
                // the test is over
            }
        }, "stand-in-kubelet");
        kubelet.setDaemon(true);
        kubelet.start();
    }

    private static Job job(String buildId) {
        return client.batch().v1().jobs().inNamespace("kato-builds").withLabel(ClusterBuilds.BUILD_ID, buildId).list()
                .getItems().stream().findFirst().orElse(null);
    }

    @Test
    void theRecipeIsBuiltByAJobThatGetsTheContextAndPushesAPinnedImage() throws Exception {
        // what an attempt cut short by a crash of Kato left behind
        client.batch().v1().jobs().inNamespace("kato-builds").resource(new io.fabric8.kubernetes.api.model.batch.v1
                .JobBuilder().withNewMetadata().withName("kato-build-build-1-dead")
                .withLabels(Map.of(ClusterBuilds.BUILD_ID, "build-1")).endMetadata().withNewSpec().withNewTemplate()
                .withNewSpec().addNewContainer().withName("x").withImage("x").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        kubelet(0);
        KubernetesRuntime runtime = runtime("registry.example.org/kato");
        try {
            String image = runtime.build(new BuildRequest("comp-1", "build-1", workspace, workspace,
                    Map.of("PIP_INDEX_URL", "https://pypi.example.org/simple", "PIP_TOKEN", "t0ken-s3cret")), PLAN,
                    log::add);
            assertEquals("registry.example.org/kato/comp-1:build-1@" + DIGEST, image);
            assertEquals("FROM python:3.12-slim\nARG PIP_INDEX_URL\nARG PIP_TOKEN\nCOPY . /app\nWORKDIR /app\n"
                    + "CMD python3 app.py\n", Files.readString(sent.get().resolve(ClusterBuilds.DOCKERFILE)),
                    "the build-scope variables are the steps' build arguments");
            assertEquals("print('hi')\n", Files.readString(sent.get().resolve("app.py")), "the source went with it");
            Job job = job("build-1");
            assertTrue(job.getMetadata().getName().startsWith("kato-build-build-1-"), job.getMetadata().getName());
            assertNull(client.batch().v1().jobs().inNamespace("kato-builds").withName("kato-build-build-1-dead").get(),
                    "an earlier attempt's Job is gone");
            var builder = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals("gcr.io/kaniko-project/executor:v1.23.2", builder.getImage());
            assertTrue(builder.getArgs().contains("--destination=registry.example.org/kato/comp-1:build-1"),
                    builder.getArgs().toString());
            assertTrue(builder.getArgs().contains("--digest-file=/dev/termination-log"));
            assertTrue(builder.getArgs().containsAll(List.of("--build-arg=PIP_INDEX_URL", "--build-arg=PIP_TOKEN")),
                    "named, valued from the builder's env");
            assertEquals(job.getMetadata().getName() + "-env", builder.getEnv().get(1).getValueFrom()
                    .getSecretKeyRef().getName());
            assertFalse(io.fabric8.kubernetes.client.utils.Serialization.asYaml(job).contains("t0ken-s3cret"),
                    "a value never stands in the Job");
            var secret = client.secrets().inNamespace("kato-builds").withName(job.getMetadata().getName() + "-env")
                    .get();
            assertEquals("dDBrZW4tczNjcmV0", secret.getData().get("PIP_TOKEN"));
            assertEquals(job.getMetadata().getName(), secret.getMetadata().getOwnerReferences().get(0).getName(),
                    "it goes with its Job");
            assertEquals(0, job.getSpec().getBackoffLimit(), "a failed build is not tried again behind Kato's back");
            assertNull(job.getSpec().getTemplate().getMetadata().getLabels().get(Manifests.COMPONENT),
                    "the build pod is not taken for an instance of the component");
            assertTrue(log.get(0).startsWith("Building registry.example.org/kato/comp-1:build-1 in the cluster"),
                    log.toString());
        } finally {
            runtime.close();
            client.batch().v1().jobs().inNamespace("kato-builds").delete();
            client.pods().inNamespace("kato-builds").delete();
        }
    }

    @Test
    void aFailedBuildSaysHowItEndedAndLeavesNoJob() {
        kubelet(1);
        KubernetesRuntime runtime = runtime("registry.example.org/kato");
        try {
            RuntimeFailure failure = assertThrows(RuntimeFailure.class, () -> runtime.build(
                    new BuildRequest("comp-1", "build-2", workspace, workspace), PLAN, log::add));
            assertTrue(failure.getMessage().startsWith("The build in the cluster failed (exit status 1, Error)"),
                    failure.getMessage());
            assertNull(job("build-2"));
        } finally {
            runtime.close();
            client.pods().inNamespace("kato-builds").delete();
        }
    }

    @Test
    void aCancelDeletesTheJob() throws Exception {
        KubernetesRuntime runtime = runtime("registry.example.org/kato");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                runtime.build(new BuildRequest("comp-1", "build-3", workspace, workspace), PLAN, log::add);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        try {
            build.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (job("build-3") == null
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            build.interrupt(); // what the core does to cancel a running build
            build.join(10_000);
            assertTrue(outcome.get() instanceof RuntimeFailure, String.valueOf(outcome.get()));
            assertTrue(outcome.get().getMessage().startsWith("Cancelled"), outcome.get().getMessage());
            assertNull(job("build-3"));
        } finally {
            runtime.close();
        }
    }

    @Test
    void withoutARegistryOrARecipeNothingIsAskedOfTheCluster() {
        KubernetesRuntime nowhere = runtime("");
        KubernetesRuntime somewhere = runtime("r.example.org/k");
        try {
            RuntimeFailure noRegistry = assertThrows(RuntimeFailure.class, () -> nowhere.build(
                    new BuildRequest("comp-1", "build-4", workspace, workspace), PLAN, log::add));
            assertTrue(noRegistry.getMessage().contains("set buildRegistry"), noRegistry.getMessage());
            RuntimeFailure noRecipe = assertThrows(RuntimeFailure.class, () -> somewhere.build(
                    new BuildRequest("comp-1", "build-5", workspace, workspace), new BuildPlan("jar", List.of(),
                            "app.jar", List.of("java", "-jar", "app.jar"), List.of(), null), log::add));
            assertTrue(noRecipe.getMessage().contains("no container recipe"), noRecipe.getMessage());
            assertTrue(client.batch().v1().jobs().inNamespace("kato-builds").list().getItems().isEmpty());
        } finally {
            nowhere.close();
            somewhere.close();
        }
    }
}
