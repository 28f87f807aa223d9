package io.kato.runtime.kubernetes.internal;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.kato.api.build.BuildPlan;
import io.kato.api.runtime.BuildRequest;
import io.kato.api.runtime.LogSink;
import io.kato.api.runtime.RuntimeFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds a plan's container recipe in the cluster: a Job whose pod first waits, in a small
 * receiver container, for Kato to send it the build context (the source and the recipe's
 * Dockerfile, over the API server's exec channel: the cluster needs no way back to Kato),
 * then runs the builder (kaniko's executor), which builds the image and pushes it to the
 * configured registry. The builder's log is the build log; the digest it writes to its
 * termination message pins the version's image.
 */
final class ClusterBuilds {
    /** The recipe, written into the context under a name no project uses for its own Dockerfile. */
    static final String DOCKERFILE = "Dockerfile.kato";
    static final String READY = ".kato-context-sent";
    static final String RECEIVER = "receive";
    static final String BUILDER = "build";
    static final String BUILD_ID = "kato.io/build-id";
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Duration POLL = Duration.ofMillis(500);
    /** Pulling two images onto a busy node can take a while. */
    private static final Duration POD_START = Duration.ofMinutes(10);

    /** Sends a folder into a running container of the build pod, then marks it sent. */
    interface ContextUpload {
        void upload(KubernetesClient client, Pod pod, Path context) throws IOException;
    }

    /**
     * From the runtime's configuration.
     *
     * @param registry where images go (host[:port]/path); empty: no builds here
     */
    record Settings(String registry, String namespace, String builderImage, String receiverImage, String pushSecret,
                    boolean insecure, Duration timeout) {
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final ContextUpload upload;
    private final Duration podStart;

    ClusterBuilds(KubernetesClient client, Settings settings, ContextUpload upload) {
        this.client = client;
        this.settings = settings;
        this.upload = upload;
        this.podStart = settings.timeout().compareTo(POD_START) < 0 ? settings.timeout() : POD_START;
    }

    /** The context sent with Fabric8's copy over exec (tar in the receiver), then the mark the receiver waits for. */
    static final ContextUpload OVER_EXEC = (client, pod, context) -> {
        var container = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata()
                .getName()).inContainer(RECEIVER);
        if (!container.dir("/workspace").upload(context)) {
            throw new IOException("the receiver did not take the build context");
        }
        Path mark = Files.createTempFile("kato-context", ".sent");
        try {
            container.file("/workspace/" + READY).upload(mark);
        } finally {
            Files.deleteIfExists(mark);
        }
    };

    String build(BuildRequest request, BuildPlan plan, LogSink log) {
        BuildPlan.ContainerRecipe recipe = plan.container();
        if (recipe == null) {
            throw new RuntimeFailure("The '" + plan.strategy() + "' build has no container recipe, so it cannot be"
                    + " built in the cluster");
        }
        if (settings.registry().isBlank()) {
            throw new RuntimeFailure("Builds in the cluster push their image to a registry: set buildRegistry (and"
                    + " buildPushSecret) in etc/io.kato.runtime.kubernetes.cfg");
        }
        String ns = settings.namespace();
        // an attempt of its own: a build retried after Kato stopped mid-build finds its earlier Job
        // (deleted below) rather than a name taken
        String name = "kato-build-" + request.buildId() + "-" + java.util.HexFormat.of().toHexDigits(
                (short) java.util.concurrent.ThreadLocalRandom.current().nextInt());
        String image = settings.registry() + "/" + request.componentId() + ":" + request.buildId();
        boolean ended = false;
        try {
            // the component's build-scope variables reach the recipe's steps as build arguments; their values
            // travel in a Secret the builder reads them from, never in the Job's spec or the Dockerfile
            StringBuilder args = new StringBuilder();
            new java.util.TreeSet<>(request.env().keySet()).forEach(k -> args.append("ARG ").append(k).append('\n'));
            Files.writeString(request.workspace().resolve(DOCKERFILE), "FROM " + recipe.baseImage() + "\n" + args
                    + String.join("\n", recipe.instructions()) + "\n");
            client.resource(Manifests.namespace(ns, "")).createOr(io.fabric8.kubernetes.client.dsl
                    .NonDeletingOperation::update);
            client.batch().v1().jobs().inNamespace(ns).withLabel(BUILD_ID, request.buildId())
                    .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
            Job created = client.resource(job(name, request, image)).inNamespace(ns).create();
            if (!request.env().isEmpty()) {
                client.resource(buildEnv(name, request, created)).inNamespace(ns).create();
            }
            log.line("Building " + image + " in the cluster: job " + name + " in namespace " + ns + ", from "
                    + recipe.baseImage());
            Pod pod = awaitPod(name, p -> running(p, RECEIVER, true), podStart, "to start receiving the context");
            upload.upload(client, pod, request.workspace());
            log.line("Sent the build context");
            String digest = follow(name, pod, log);
            ended = true;
            return settings.registry() + "/" + request.componentId() + ":" + request.buildId() + "@" + digest;
        } catch (InterruptedException e) {
            ended = true;
            deleteQuietly(name); // before the flag is set again: the client's calls give up on an interrupted thread
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("Cancelled: the build job " + name + " was deleted");
        } catch (IOException e) {
            throw new RuntimeFailure("The build context could not be sent to the cluster: " + e.getMessage(), e);
        } catch (KubernetesClientException e) {
            if (interrupted(e)) { // a cancel that came during a request to the API server
                ended = true;
                Thread.interrupted();
                deleteQuietly(name);
                Thread.currentThread().interrupt();
                throw new RuntimeFailure("Cancelled: the build job " + name + " was deleted");
            }
            throw new RuntimeFailure("The cluster refused the build job " + name + " in namespace " + ns + " ("
                    + e.getCode() + "): " + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()), e);
        } finally {
            if (!ended) { // failed or cancelled: nothing of it keeps running; a finished job goes by itself
                deleteQuietly(name);
            }
        }
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    /**
     * The build's variables, owned by its Job: they go when the Job goes (its time to live,
     * or a delete). The builder container starts after the context is received, by when this exists.
     */
    private static io.fabric8.kubernetes.api.model.Secret buildEnv(String name, BuildRequest request, Job job) {
        Map<String, String> data = new java.util.TreeMap<>();
        request.env().forEach((k, v) -> data.put(k, java.util.Base64.getEncoder().encodeToString(v.getBytes(
                java.nio.charset.StandardCharsets.UTF_8))));
        return new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName(name + "-env")
                .withLabels(Map.of(Manifests.MANAGED_BY, Manifests.KATO, BUILD_ID, request.buildId()))
                .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid()).endOwnerReference().endMetadata().withType("Opaque")
                .withData(data).build();
    }

    private Job job(String name, BuildRequest request, String image) {
        List<String> args = new ArrayList<>(List.of("--context=dir:///workspace",
                "--dockerfile=/workspace/" + DOCKERFILE, "--destination=" + image,
                "--digest-file=/dev/termination-log", "--single-snapshot"));
        List<io.fabric8.kubernetes.api.model.EnvVar> env = new ArrayList<>();
        for (String k : new java.util.TreeSet<>(request.env().keySet())) {
            args.add("--build-arg=" + k); // no value: kaniko takes it from its own environment
            env.add(new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName(k).withNewValueFrom()
                    .withNewSecretKeyRef().withName(name + "-env").withKey(k).endSecretKeyRef().endValueFrom().build());
        }
        if (settings.insecure()) {
            args.addAll(List.of("--insecure", "--skip-tls-verify"));
        }
        // not the component's own label: the runtime would take the build pod for one of its instances
        Map<String, String> labels = Map.of(Manifests.MANAGED_BY, Manifests.KATO, "kato.io/build-of",
                request.componentId(), BUILD_ID, request.buildId());
        var spec = new JobBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().withNewSpec()
                .withBackoffLimit(0).withTtlSecondsAfterFinished(600)
                .withActiveDeadlineSeconds(settings.timeout().toSeconds())
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                .withRestartPolicy("Never")
                .addNewInitContainer().withName(RECEIVER).withImage(settings.receiverImage())
                .withCommand("sh", "-c", "until [ -f /workspace/" + READY + " ]; do sleep 1; done; rm /workspace/"
                        + READY)
                .addNewVolumeMount().withName("workspace").withMountPath("/workspace").endVolumeMount()
                .endInitContainer()
                .addNewContainer().withName(BUILDER).withImage(settings.builderImage()).withArgs(args).withEnv(env)
                .addNewVolumeMount().withName("workspace").withMountPath("/workspace").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("workspace").withNewEmptyDir().endEmptyDir().endVolume();
        if (!settings.pushSecret().isBlank()) {
            spec.editFirstContainer().addNewVolumeMount().withName("push").withMountPath("/kaniko/.docker")
                    .endVolumeMount().endContainer()
                    .addNewVolume().withName("push").withNewSecret().withSecretName(settings.pushSecret())
                    .addNewItem().withKey(".dockerconfigjson").withPath("config.json").endItem().endSecret()
                    .endVolume();
        }
        return spec.endSpec().endTemplate().endSpec().build();
    }

    /** Streams the builder's log while the job runs; returns the pushed image's digest once it succeeded. */
    private String follow(String name, Pod pod, LogSink log) throws InterruptedException {
        awaitPod(name, p -> running(p, BUILDER, false) || terminated(p, BUILDER).isPresent(), podStart,
                "to start building");
        LogWatch watch = null;
        Thread reader = null;
        try {
            watch = client.pods().inNamespace(settings.namespace()).withName(pod.getMetadata().getName())
                    .inContainer(BUILDER).watchLog();
            LogWatch open = watch;
            reader = new Thread(() -> copy(open, log), "kato-cluster-build-log");
            reader.setDaemon(true);
            reader.start();
        } catch (KubernetesClientException unavailable) {
            log.line("(the builder's log cannot be read: " + unavailable.getMessage() + ")");
        }
        try {
            long deadline = System.nanoTime() + settings.timeout().toNanos() + podStart.toNanos();
            while (true) {
                Job job = client.batch().v1().jobs().inNamespace(settings.namespace()).withName(name).get();
                Pod now = client.pods().inNamespace(settings.namespace()).withName(pod.getMetadata().getName()).get();
                Optional<ContainerStateTerminated> done = now == null ? Optional.empty() : terminated(now, BUILDER);
                if (job == null) {
                    throw new RuntimeFailure("The build job " + name + " was deleted from the cluster");
                }
                if (job.getStatus() != null && job.getStatus().getFailed() != null && job.getStatus().getFailed() > 0
                        || done.filter(t -> t.getExitCode() != 0).isPresent()) {
                    throw new RuntimeFailure("The build in the cluster failed" + done.map(t -> " (exit status "
                            + t.getExitCode() + (t.getReason() == null ? "" : ", " + t.getReason()) + ")").orElse("")
                            + reason(job) + ": see the build log above");
                }
                if (job.getStatus() != null && job.getStatus().getSucceeded() != null
                        && job.getStatus().getSucceeded() > 0 && done.isPresent()) {
                    String message = done.get().getMessage() == null ? "" : done.get().getMessage().strip();
                    if (!DIGEST.matcher(message).matches()) {
                        throw new RuntimeFailure("The builder pushed no image digest (its termination message is '"
                                + message + "'): it must write the digest to /dev/termination-log");
                    }
                    return message;
                }
                if (System.nanoTime() > deadline) {
                    throw new RuntimeFailure("The build in the cluster did not end within "
                            + settings.timeout().toSeconds() + " s");
                }
                Thread.sleep(POLL.toMillis());
            }
        } finally {
            if (watch != null) {
                watch.close();
            }
            if (reader != null) {
                reader.join(2000); // the last lines before the result
            }
        }
    }

    private static String reason(Job job) {
        return job.getStatus() == null || job.getStatus().getConditions() == null ? ""
                : job.getStatus().getConditions().stream().filter(c -> "Failed".equals(c.getType()))
                .map(c -> "; " + c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage())).findFirst()
                .orElse("");
    }

    private static void copy(LogWatch watch, LogSink log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.line(line);
            }
        } catch (IOException closed) {
            // the build ended, or the pod went away
        }
    }

    /** The job's pod once it satisfies the condition; fails when the job fails or the time runs out first. */
    private Pod awaitPod(String job, java.util.function.Predicate<Pod> condition, Duration limit, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<Pod> pods = client.pods().inNamespace(settings.namespace()).withLabel("job-name", job).list()
                    .getItems();
            for (Pod p : pods) {
                if (condition.test(p)) {
                    return p;
                }
                Optional<String> stuck = waiting(p);
                if (stuck.isPresent() && List.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName").stream()
                        .anyMatch(stuck.get()::contains)) {
                    throw new RuntimeFailure("The build pod cannot start: " + stuck.get());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new RuntimeFailure("The build pod of job " + job + " did not get " + what + " within "
                        + limit.toSeconds() + " s" + pods.stream().map(ClusterBuilds::waiting)
                        .flatMap(Optional::stream).map(w -> " (" + w + ")").findFirst().orElse(""));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static List<ContainerStatus> statuses(Pod p, boolean init) {
        if (p.getStatus() == null) {
            return List.of();
        }
        List<ContainerStatus> s = init ? p.getStatus().getInitContainerStatuses() : p.getStatus().getContainerStatuses();
        return s == null ? List.of() : s;
    }

    private static boolean running(Pod p, String container, boolean init) {
        return statuses(p, init).stream().anyMatch(c -> c.getName().equals(container) && c.getState() != null
                && c.getState().getRunning() != null);
    }

    private static Optional<ContainerStateTerminated> terminated(Pod p, String container) {
        return statuses(p, false).stream().filter(c -> c.getName().equals(container) && c.getState() != null
                && c.getState().getTerminated() != null).map(c -> c.getState().getTerminated()).findFirst();
    }

    /** Why a container of the pod waits (an image that cannot be pulled), if one does. */
    private static Optional<String> waiting(Pod p) {
        List<ContainerStatus> all = new ArrayList<>(statuses(p, true));
        all.addAll(statuses(p, false));
        return all.stream().flatMap(c -> KubernetesRuntime.waiting(c).map(w -> c.getName() + ": " + w).stream())
                .findFirst();
    }

    private void deleteQuietly(String name) {
        try {
            client.batch().v1().jobs().inNamespace(settings.namespace()).withName(name)
                    .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            // the job ends by its deadline and goes by its time-to-live anyway
        }
    }
}
