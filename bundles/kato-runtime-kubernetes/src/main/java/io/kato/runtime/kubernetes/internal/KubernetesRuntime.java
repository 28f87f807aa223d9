package io.kato.runtime.kubernetes.internal;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kato.api.build.BuildPlan;
import io.kato.api.runtime.BuildRequest;
import io.kato.api.runtime.Deployment;
import io.kato.api.runtime.LogSink;
import io.kato.api.runtime.Observation;
import io.kato.api.runtime.Runtime;
import io.kato.api.runtime.RuntimeHealth;
import io.kato.api.runtime.RuntimeFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs components on a Kubernetes cluster through the Fabric8 client: each team has a
 * namespace, each component the objects {@link Manifests} renders, applied server-side
 * with Kato as field manager. What runs is watched (informers on Kato's pods and
 * workloads), so {@link #observe} reads a local cache and never waits on the cluster.
 * Registered only when {@code etc/io.kato.runtime.kubernetes.cfg} exists.
 */
@Component(service = Runtime.class, configurationPid = "io.kato.runtime.kubernetes",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = KubernetesConfig.class)
public class KubernetesRuntime implements Runtime {
    static final String FIELD_MANAGER = "kato";
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesRuntime.class);
    /** What Kato creates for a component and deletes when it stops; claims (data) go only with the component. */
    private static final List<Class<? extends HasMetadata>> STOPPED_WITH = List.of(
            io.fabric8.kubernetes.api.model.apps.Deployment.class, StatefulSet.class,
            io.fabric8.kubernetes.api.model.Service.class, io.fabric8.kubernetes.api.model.Secret.class,
            io.fabric8.kubernetes.api.model.ConfigMap.class,
            io.fabric8.kubernetes.api.model.networking.v1.Ingress.class,
            io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class);
    private final KubernetesClient client;
    private final String namespacePrefix;
    private final Manifests.Layout layout;
    private final ClusterBuilds builds;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<io.fabric8.kubernetes.api.model.apps.Deployment> deployments;
    private final SharedIndexInformer<StatefulSet> statefulSets;
    private final boolean ownsClient;
    private volatile boolean serverSideApply = true;

    @Activate
    public KubernetesRuntime(KubernetesConfig config) throws IOException {
        this(new KubernetesClientBuilder().withConfig(clientConfig(config)).build(), config.namespacePrefix(),
                new Manifests.Layout(config.storageClass(), config.ingressClass()), buildSettings(config),
                ClusterBuilds.OVER_EXEC, true);
    }

    /** On a client of the caller's, which it keeps (tests, benchmarks); builds push nowhere. */
    KubernetesRuntime(KubernetesClient client, String namespacePrefix) {
        this(client, namespacePrefix, Manifests.Layout.DEFAULT, buildSettings(""), ClusterBuilds.OVER_EXEC, false);
    }

    /** The same, building in the cluster with these settings and this way of sending a build's context. */
    KubernetesRuntime(KubernetesClient client, String namespacePrefix, ClusterBuilds.Settings builds,
                      ClusterBuilds.ContextUpload upload) {
        this(client, namespacePrefix, Manifests.Layout.DEFAULT, builds, upload, false);
    }

    private KubernetesRuntime(KubernetesClient client, String namespacePrefix, Manifests.Layout layout,
                              ClusterBuilds.Settings builds, ClusterBuilds.ContextUpload upload, boolean ownsClient) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.namespacePrefix = namespacePrefix;
        this.layout = layout;
        this.builds = new ClusterBuilds(client, builds, upload);
        // informers keep retrying while the cluster is away; observe then reports what was last seen
        this.pods = client.pods().inAnyNamespace().withLabel(Manifests.MANAGED_BY, Manifests.KATO).runnableInformer(0);
        this.deployments = client.apps().deployments().inAnyNamespace().withLabel(Manifests.MANAGED_BY,
                Manifests.KATO).runnableInformer(0);
        this.statefulSets = client.apps().statefulSets().inAnyNamespace().withLabel(Manifests.MANAGED_BY,
                Manifests.KATO).runnableInformer(0);
        pods.start();
        deployments.start();
        statefulSets.start();
    }

    private static ClusterBuilds.Settings buildSettings(KubernetesConfig c) {
        return new ClusterBuilds.Settings(c.buildRegistry().strip(), c.buildNamespace(), c.builderImage(),
                c.receiverImage(), c.buildPushSecret(), c.buildRegistryInsecure(),
                java.time.Duration.ofSeconds(Math.max(60, c.buildTimeoutSeconds())));
    }

    static ClusterBuilds.Settings buildSettings(String registry) {
        return new ClusterBuilds.Settings(registry, "kato-builds", "gcr.io/kaniko-project/executor:v1.23.2",
                "busybox:1.36", "", false, java.time.Duration.ofMinutes(30));
    }

    private static Config clientConfig(KubernetesConfig c) throws IOException {
        String context = c.context().isBlank() ? null : c.context();
        Config config = c.kubeconfig().isBlank() ? Config.autoConfigure(context)
                : Config.fromKubeconfig(context, Files.readString(Path.of(c.kubeconfig())), c.kubeconfig());
        // the reconciler comes back every pass: a request need not retry for long on its own
        config.setRequestRetryBackoffLimit(2);
        return config;
    }

    @Deactivate
    void close() {
        pods.close();
        deployments.close();
        statefulSets.close();
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    /** Up while the watch on Kato's pods stands; the informers retry on their own when it drops. */
    @Override
    public RuntimeHealth health() {
        if (pods.isWatching()) {
            return RuntimeHealth.UP;
        }
        return new RuntimeHealth(false, "Not watching the cluster at " + client.getMasterUrl() + ": it cannot be"
                + " reached or refuses Kato's account (retrying); components show as unknown meanwhile");
    }

    @Override
    public boolean runsImages() {
        return true;
    }

    /** An unchanged component costs a digest and a look at the informer's cache: see {@link #apply}. */
    @Override
    public boolean appliesEveryPass() {
        return true;
    }

    /** In the cluster, from the plan's container recipe: see {@link ClusterBuilds}. Returns the pinned image. */
    @Override
    public String build(BuildRequest request, BuildPlan plan, LogSink log) {
        return builds.build(request, plan, log);
    }

    String namespace(String team) {
        return namespacePrefix + team;
    }

    @Override
    public void apply(Deployment d) {
        String ns = namespace(d.team());
        String digest = Manifests.fingerprint(d, ns, layout);
        // A reconcile pass over unchanged components writes nothing: the workload carries the
        // digest of what was last applied with it, and the informer shows it without a request.
        Optional<Workload> seen = workload(d.componentId());
        if (seen.map(w -> w.annotations() == null ? null : w.annotations().get(Manifests.APPLIED))
                .filter(digest::equals).isPresent()) {
            return;
        }
        List<HasMetadata> objects = Manifests.render(d, ns, layout);
        HasMetadata workload = objects.get(objects.size() - 1);
        workload.getMetadata().setAnnotations(Map.of(Manifests.APPLIED, digest));
        try {
            applyOne(Manifests.namespace(ns, d.team()), null);
            for (HasMetadata m : objects) {
                applyOne(m, ns);
            }
            pruneOthers(d, objects, seen.isPresent());
        } catch (KubernetesClientException e) {
            throw new RuntimeFailure(failure("apply component '" + d.name() + "' in namespace " + ns, e), e);
        }
    }

    /**
     * Server-side apply as Kato's field manager, taking over fields others set (Kato's
     * desired state wins; a field Kato never sets stays theirs). An API server creates a
     * missing object on apply. One that does not speak apply at all (415: API servers before
     * 1.16, and Fabric8's mock server) gets create-or-update instead, from then on.
     */
    private void applyOne(HasMetadata m, String namespace) {
        var resource = namespace == null ? client.resource(m) : client.resource(m).inNamespace(namespace);
        if (serverSideApply) {
            try {
                resource.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 415 && e.getCode() != 404) {
                    throw e;
                }
                if (e.getCode() == 415) {
                    LOG.info("The cluster does not take server-side apply; Kato creates and updates its objects");
                    serverSideApply = false;
                }
            }
        }
        resource.createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    }

    /**
     * Deletes the component's objects that were not just rendered: a Deployment left behind
     * when it became stateful (or the other way round), a Service when its last port went,
     * the Ingress of a route that went, the claim of a volume that was removed.
     */
    private void pruneOthers(Deployment d, List<HasMetadata> kept, boolean wasRunning) {
        java.util.Set<String> names = new java.util.HashSet<>();
        kept.forEach(m -> names.add(m.getKind() + "/" + m.getMetadata().getName()));
        // a component that was not running has nothing left but claims (a stop deletes the rest): one list, not eight
        for (HasMetadata m : wasRunning ? owned(d.componentId(), STOPPED_WITH) : List.<HasMetadata>of()) {
            if (!names.contains(m.getKind() + "/" + m.getMetadata().getName())) {
                client.resource(m).delete();
            }
        }
        java.util.Set<String> volumes = new java.util.HashSet<>();
        d.volumes().forEach(v -> volumes.add(v.name()));
        for (HasMetadata claim : owned(d.componentId(), List.of(PersistentVolumeClaim.class))) {
            if (!volumes.contains(claim.getMetadata().getLabels().get(Manifests.VOLUME))) {
                client.resource(claim).delete();
            }
        }
    }

    private List<HasMetadata> owned(String componentId, List<Class<? extends HasMetadata>> kinds) {
        List<HasMetadata> present = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : kinds) {
            present.addAll(client.resources(kind).inAnyNamespace().withLabel(Manifests.COMPONENT, componentId).list()
                    .getItems());
        }
        return present;
    }

    /** Deletes what runs for the component and its config; its volumes' claims stay for its next start. */
    @Override
    public void remove(String componentId) {
        delete(componentId, STOPPED_WITH, "remove component ");
    }

    /** Deletes everything of a deleted component, its volumes' claims (and so their data) too, and a third-party one's Endpoints. */
    @Override
    public void purge(String componentId) {
        List<Class<? extends HasMetadata>> all = new ArrayList<>(STOPPED_WITH);
        all.add(PersistentVolumeClaim.class);
        all.add(io.fabric8.kubernetes.api.model.Endpoints.class); // of a third-party component's Service
        delete(componentId, all, "delete the objects of deleted component ");
    }

    private void delete(String componentId, List<Class<? extends HasMetadata>> kinds, String what) {
        try {
            for (Class<? extends HasMetadata> kind : kinds) {
                client.resources(kind).inAnyNamespace().withLabel(Manifests.COMPONENT, componentId).delete();
            }
        } catch (KubernetesClientException e) {
            throw new RuntimeFailure(failure(what + componentId, e), e);
        }
    }

    /** What the cluster said, as a person can act on it. */
    private static String failure(String what, KubernetesClientException e) {
        int code = e.getCode();
        if (code == 403) {
            return "The cluster forbids Kato to " + what + ": grant its account rights in that namespace ("
                    + e.getStatus().getMessage() + ")";
        }
        if (code <= 0) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return "The cluster cannot be reached to " + what + " (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + "): check the kubeconfig and the"
                    + " network; the reconciler tries again";
        }
        return "The cluster refused to " + what + " (" + code + "): " + (e.getStatus() == null ? e.getMessage()
                : e.getStatus().getMessage());
    }

    /** A third-party component's Service without selector, by its name in the team's namespace. */
    @Override
    public String externalAddress(String componentId, String name, String team, int port) {
        return innerAddress(componentId, name, team, port);
    }

    /**
     * Applies the Service (and Endpoints) standing for a third-party component, unless the
     * Service already carries the digest of this content: one read per pass when nothing changed.
     */
    @Override
    public void applyExternal(io.kato.api.runtime.ExternalService s) {
        String ns = namespace(s.team());
        List<HasMetadata> objects = Manifests.external(s, ns);
        String digest = objects.get(0).getMetadata().getAnnotations().get(Manifests.APPLIED);
        try {
            io.fabric8.kubernetes.api.model.Service seen = client.services().inNamespace(ns).withName(s.name()).get();
            if (seen != null && seen.getMetadata().getAnnotations() != null
                    && digest.equals(seen.getMetadata().getAnnotations().get(Manifests.APPLIED))) {
                return;
            }
            applyOne(Manifests.namespace(ns, s.team()), null);
            if (seen != null && !java.util.Objects.equals(seen.getSpec().getType(),
                    ((io.fabric8.kubernetes.api.model.Service) objects.get(0)).getSpec().getType())) {
                client.resource(seen).delete(); // ExternalName <-> selector-less: a Service does not change type in place
            }
            for (HasMetadata m : objects) {
                applyOne(m, ns);
            }
            if (objects.size() == 1) { // an ExternalName Service has no Endpoints of Kato's
                client.endpoints().inNamespace(ns).withName(s.name()).delete();
            }
        } catch (KubernetesClientException e) {
            throw new RuntimeFailure(failure("apply third-party component '" + s.name() + "' in namespace " + ns, e),
                    e);
        }
    }

    /** The component's Service (one per component, all its ports), by its name in the team's namespace. */
    @Override
    public String innerAddress(String componentId, String name, String team, int port) {
        return name + "." + namespace(team) + ".svc:" + port;
    }

    @Override
    public Observation observe(String componentId) {
        Optional<PodTemplateSpec> template = workload(componentId).map(Workload::template);
        List<Observation.Instance> instances = new ArrayList<>();
        pods.getStore().list().stream()
                .filter(p -> ownedBy(p, componentId))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null || isReady(p))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .forEach(p -> instances.add(instance(p)));
        if (template.isEmpty() && instances.isEmpty()) {
            return Observation.absent();
        }
        String versionId = template.map(t -> t.getMetadata().getLabels().get(Manifests.VERSION)).orElse(null);
        long revision = template.map(t -> revision(t.getMetadata().getAnnotations())).orElse(0L);
        return new Observation(true, versionId, revision, instances);
    }

    /** The component's Deployment or StatefulSet as the informers last saw it. */
    private record Workload(Map<String, String> annotations, PodTemplateSpec template) {
    }

    private Optional<Workload> workload(String componentId) {
        return deployments.getStore().list().stream().filter(d -> ownedBy(d, componentId))
                .map(d -> new Workload(d.getMetadata().getAnnotations(), d.getSpec().getTemplate())).findFirst()
                .or(() -> statefulSets.getStore().list().stream().filter(w -> ownedBy(w, componentId))
                        .map(w -> new Workload(w.getMetadata().getAnnotations(), w.getSpec().getTemplate()))
                        .findFirst());
    }

    private static boolean ownedBy(HasMetadata m, String componentId) {
        return componentId.equals(m.getMetadata().getLabels().get(Manifests.COMPONENT));
    }

    private static long revision(Map<String, String> annotations) {
        try {
            return annotations == null ? 0 : Long.parseLong(annotations.getOrDefault(Manifests.REVISION, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isReady(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions()
                .stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    private static Observation.Instance instance(Pod p) {
        var status = p.getStatus();
        List<ContainerStatus> containers = status == null || status.getContainerStatuses() == null ? List.of()
                : status.getContainerStatuses();
        int restarts = containers.stream().mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
        boolean alive = status != null && "Running".equals(status.getPhase());
        boolean ready = alive && isReady(p) && p.getMetadata().getDeletionTimestamp() == null;
        String ip = status == null ? null : status.getPodIP();
        Integer port = p.getSpec() == null || p.getSpec().getContainers().isEmpty()
                || p.getSpec().getContainers().get(0).getPorts() == null
                || p.getSpec().getContainers().get(0).getPorts().isEmpty() ? null
                : p.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
        String address = ip == null || port == null ? null : ip + ":" + port;
        return new Observation.Instance(p.getMetadata().getName(), alive, ready, restarts, address,
                p.getMetadata().getLabels().get(Manifests.VERSION), revision(p.getMetadata().getAnnotations()),
                ready ? null : message(status == null ? null : status.getPhase(), containers));
    }

    /** Why a pod is not ready: its container's waiting reason, or how it last ended. */
    private static String message(String phase, List<ContainerStatus> containers) {
        for (ContainerStatus c : containers) {
            Optional<String> waiting = waiting(c);
            if (waiting.isPresent()) {
                return waiting.get();
            }
            ContainerStateTerminated last = c.getLastState() == null ? null : c.getLastState().getTerminated();
            if (last != null) {
                return "exited with status " + last.getExitCode() + (last.getReason() == null ? ""
                        : " (" + last.getReason() + ")");
            }
        }
        return phase == null ? "pending" : phase.toLowerCase(java.util.Locale.ROOT);
    }

    /** Why the container waits ({@code ImagePullBackOff: …}), if it does. */
    static Optional<String> waiting(ContainerStatus c) {
        ContainerStateWaiting waiting = c.getState() == null ? null : c.getState().getWaiting();
        return waiting == null || waiting.getReason() == null ? Optional.empty() : Optional.of(waiting.getReason()
                + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage()));
    }

    @Override
    public AutoCloseable logs(String componentId, String instance, LogSink sink) {
        return logs(componentId, instance, null, sink);
    }

    /** A pod with plugins has several containers: the main one's log, or a plugin's ({@code plugin-<name>}). */
    @Override
    public AutoCloseable logs(String componentId, String instance, String plugin, LogSink sink) {
        String ns = podNamespace(componentId, instance);
        LogWatch watch = client.pods().inNamespace(ns).withName(instance).inContainer(container(plugin))
                .tailingLines(0).watchLog();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getOutput(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    sink.line(line);
                }
            } catch (IOException closed) {
                // the follower was closed, or the pod went away
            }
        }, "kato-pod-log");
        reader.setDaemon(true);
        reader.start();
        return watch::close;
    }

    @Override
    public List<String> logTail(String componentId, String instance, int lines) {
        return logTail(componentId, instance, null, lines);
    }

    @Override
    public List<String> logTail(String componentId, String instance, String plugin, int lines) {
        try {
            String log = client.pods().inNamespace(podNamespace(componentId, instance)).withName(instance)
                    .inContainer(container(plugin)).tailingLines(lines).getLog();
            return log == null || log.isEmpty() ? List.of() : List.of(log.split("\n"));
        } catch (KubernetesClientException | RuntimeFailure e) {
            LOG.debug("No log of pod {}: {}", instance, e.getMessage());
            return List.of();
        }
    }

    /** The main container, or a plugin's (named as {@link Manifests} renders it). */
    private static String container(String plugin) {
        return plugin == null ? "main" : "plugin-" + plugin;
    }

    private String podNamespace(String componentId, String instance) {
        return pods.getStore().list().stream().filter(p -> p.getMetadata().getName().equals(instance)
                        && ownedBy(p, componentId))
                .map(p -> p.getMetadata().getNamespace()).findFirst()
                .orElseThrow(() -> new RuntimeFailure("No instance '" + instance + "' of this component in the"
                        + " cluster"));
    }
}
