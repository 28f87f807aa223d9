package io.kato.runtime.kubernetes.internal;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.kato.api.build.ProbeSpec;
import io.kato.api.model.Autoscaling;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.model.Volume;
import io.kato.api.model.VolumeType;
import io.kato.api.runtime.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A component's desired state as Kubernetes objects, rendered without talking to any
 * cluster: its env (secret values in a Secret, the others in the container), its config
 * files in a ConfigMap mounted file by file, its volumes (a claim shared by every instance,
 * a claim per instance from the StatefulSet's templates, memory as an emptyDir), a
 * Deployment (stateless) or StatefulSet (stateful) whose pod template carries the version
 * and revision — a new version or revision rolls out, one surge pod at a time, none taken
 * away before its replacement is ready — a Service for its ports (plus a headless one
 * governing a StatefulSet), an Ingress for its ways in (weighted shares as ingress-nginx
 * canaries, TLS from the hosts' certificates) and a HorizontalPodAutoscaler for its
 * autoscaling rule. Everything carries the {@code app.kubernetes.io/*} labels and Kato's
 * own, by which it is found and deleted.
 */
final class Manifests {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String COMPONENT = "kato.io/component-id";
    static final String VERSION = "kato.io/version-id";
    static final String REVISION = "kato.io/revision";
    static final String TEAM = "kato.io/team";
    /** Marks what stands for a third-party component (a Service without selector, its Endpoints). */
    static final String THIRD_PARTY = "kato.io/third-party";
    /** On a claim: the volume it holds, so a claim of a removed volume is told from the others. */
    static final String VOLUME = "kato.io/volume";
    /** On the pod template: the digest of the config files, so a changed file rolls the pods (subPath mounts never refresh). */
    static final String FILES = "kato.io/files";
    /** On the workload: the digest of everything last applied for the component. */
    static final String APPLIED = "kato.io/applied";
    private static final String CANARY = "nginx.ingress.kubernetes.io/canary";
    static final String KATO = "kato";

    /**
     * Where the cluster keeps things, from the runtime's configuration.
     *
     * @param storageClass the claims' storage class, or empty for the cluster's default
     * @param ingressClass the Ingresses' class, or empty for the cluster's default
     */
    record Layout(String storageClass, String ingressClass) {
        static final Layout DEFAULT = new Layout("", "");
    }

    private Manifests() {
    }

    /** The team's namespace. */
    static Namespace namespace(String name, String team) {
        return new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of(MANAGED_BY, KATO, TEAM, team)).endMetadata().build();
    }

    /** The objects of one component, in the order they are applied (the workload after what it refers to). */
    static List<HasMetadata> render(Deployment d, String namespace, Layout layout) {
        List<HasMetadata> out = new ArrayList<>();
        boolean hasSecrets = !d.secretEnv().isEmpty();
        String envSecret = d.name() + "-env";
        if (hasSecrets) {
            out.add(envSecret(d, namespace, envSecret));
        }
        if (containers(d).stream().anyMatch(p -> !p.secretEnv().isEmpty())) {
            out.add(pluginSecret(d, namespace, d.name() + "-plugins"));
        }
        String files = d.name() + "-files";
        List<Volume> configFiles = d.volumes().stream().filter(v -> v.type() == VolumeType.CONFIG_FILE).toList();
        if (!configFiles.isEmpty()) {
            Map<String, String> data = new TreeMap<>();
            configFiles.forEach(v -> data.put(v.name(), v.content()));
            out.add(new ConfigMapBuilder().withMetadata(meta(d, namespace, files)).withData(data).build());
        }
        for (Volume v : d.volumes()) {
            if (v.type() == VolumeType.SHARE_FILE) {
                out.add(claim(d, v, layout, "ReadWriteMany", meta(d, namespace, d.name() + "-" + v.name())));
            }
        }
        boolean stateful = d.deployType().stateful();
        if (!d.ports().isEmpty()) {
            out.add(service(d, namespace, d.name(), false));
        }
        out.addAll(ingresses(d, namespace, layout));
        if (d.autoscaling() != null) {
            out.add(autoscaler(d, namespace, stateful ? "StatefulSet" : "Deployment"));
        }
        // an autoscaled workload leaves its replicas to the autoscaler
        Integer replicas = !d.running() ? Integer.valueOf(0) : d.autoscaling() != null ? null : d.instances();
        PodTemplateSpec pod = pod(d, hasSecrets ? envSecret : null, files, configFiles);
        if (stateful) {
            String governing = d.name() + "-pods";
            out.add(service(d, namespace, governing, true));
            out.add(new StatefulSetBuilder().withMetadata(meta(d, namespace, d.name()))
                    .withNewSpec().withReplicas(replicas).withServiceName(governing)
                    .withNewSelector().withMatchLabels(selector(d)).endSelector()
                    .withPodManagementPolicy("Parallel")
                    .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                    .withVolumeClaimTemplates(d.volumes().stream().filter(v -> v.type() == VolumeType.LOCAL)
                            .map(v -> claim(d, v, layout, "ReadWriteOnce", new ObjectMetaBuilder()
                                    .withName(volumeName(v)).withLabels(volumeLabels(d, v)).build())).toList())
                    .withTemplate(pod).endSpec().build());
        } else {
            out.add(new DeploymentBuilder().withMetadata(meta(d, namespace, d.name()))
                    .withNewSpec().withReplicas(replicas)
                    .withNewSelector().withMatchLabels(selector(d)).endSelector()
                    .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                    .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate()
                    .endStrategy()
                    .withTemplate(pod).endSpec().build());
        }
        return out;
    }

    static List<HasMetadata> render(Deployment d, String namespace) {
        return render(d, namespace, Layout.DEFAULT);
    }

    private static String volumeName(Volume v) {
        return "v-" + v.name();
    }

    private static Map<String, String> volumeLabels(Deployment d, Volume v) {
        Map<String, String> labels = new TreeMap<>(labels(d));
        labels.put(VOLUME, v.name());
        return labels;
    }

    private static PersistentVolumeClaim claim(Deployment d, Volume v, Layout layout, String access, ObjectMeta meta) {
        meta.setLabels(volumeLabels(d, v));
        return new PersistentVolumeClaimBuilder().withMetadata(meta).withNewSpec().withAccessModes(access)
                .withStorageClassName(layout.storageClass().isBlank() ? null : layout.storageClass())
                .withNewResources().withRequests(Map.of("storage", new Quantity(v.sizeMb() + "Mi"))).endResources()
                .endSpec().build();
    }

    /**
     * The component's ways in: one Ingress for the routes it takes first (its default
     * domain, the rules where it is the heaviest backend), and one ingress-nginx canary per
     * route where it takes a share behind another component. Rules that match on headers
     * have no portable Ingress form and stay with Kato's own gateway.
     */
    private static List<HasMetadata> ingresses(Deployment d, String namespace, Layout layout) {
        List<HasMetadata> out = new ArrayList<>();
        List<Deployment.Route> routes = d.routes().stream().filter(r -> r.headers().isEmpty()).toList();
        List<Deployment.Route> main = routes.stream().filter(Deployment.Route::primary).toList();
        if (!main.isEmpty()) {
            out.add(ingress(d, namespace, d.name(), main, Map.of(), layout));
        }
        int n = 0;
        for (Deployment.Route r : routes) {
            if (!r.primary()) {
                out.add(ingress(d, namespace, d.name() + "-canary-" + ++n, List.of(r),
                        Map.of(CANARY, "true", CANARY + "-weight", Integer.toString(r.weight())), layout));
            }
        }
        for (Deployment.Route r : routes) {
            if (r.certificatePem() != null && out.stream().noneMatch(m -> m.getMetadata().getName()
                    .equals(tlsSecret(d, r.host())))) {
                out.add(0, new SecretBuilder().withMetadata(meta(d, namespace, tlsSecret(d, r.host())))
                        .withType("kubernetes.io/tls").withData(new TreeMap<>(Map.of("tls.crt",
                                base64(r.certificatePem()), "tls.key", base64(r.keyPem())))).build());
            }
        }
        return out;
    }

    private static Ingress ingress(Deployment d, String namespace, String name, List<Deployment.Route> routes,
                                   Map<String, String> annotations, Layout layout) {
        ObjectMeta meta = meta(d, namespace, name);
        if (!annotations.isEmpty()) {
            meta.setAnnotations(new TreeMap<>(annotations));
        }
        Map<String, List<HTTPIngressPath>> byHost = new java.util.LinkedHashMap<>();
        for (Deployment.Route r : routes) {
            byHost.computeIfAbsent(r.host(), h -> new ArrayList<>()).add(new HTTPIngressPathBuilder()
                    .withPath(r.path()).withPathType("Prefix").withNewBackend().withNewService().withName(d.name())
                    .withNewPort().withNumber(r.port()).endPort().endService().endBackend().build());
        }
        List<IngressRule> rules = byHost.entrySet().stream().map(e -> new IngressRuleBuilder().withHost(e.getKey())
                .withNewHttp().withPaths(e.getValue()).endHttp().build()).toList();
        List<IngressTLS> tls = routes.stream().filter(r -> r.certificatePem() != null).map(Deployment.Route::host)
                .distinct().map(h -> new IngressTLSBuilder().withHosts(h).withSecretName(tlsSecret(d, h)).build())
                .toList();
        return new IngressBuilder().withMetadata(meta).withNewSpec()
                .withIngressClassName(layout.ingressClass().isBlank() ? null : layout.ingressClass())
                .withRules(rules).withTls(tls).endSpec().build();
    }

    /** One Secret per host, named after the host's digest (a host name may be longer than a Secret's). */
    private static String tlsSecret(Deployment d, String host) {
        return d.name() + "-tls-" + sha256(host).substring(0, 10);
    }

    private static HorizontalPodAutoscaler autoscaler(Deployment d, String namespace, String kind) {
        Autoscaling a = d.autoscaling();
        boolean cpu = a.metric() == Autoscaling.Metric.CPU;
        return new HorizontalPodAutoscalerBuilder().withMetadata(meta(d, namespace, d.name())).withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind(kind).withName(d.name())
                .endScaleTargetRef().withMinReplicas(a.minInstances()).withMaxReplicas(a.maxInstances())
                .addNewMetric().withType("Resource").withNewResource().withName(cpu ? "cpu" : "memory")
                .withNewTarget().withType("AverageValue")
                .withAverageValue(new Quantity(a.target() + (cpu ? "m" : "Mi"))).endTarget().endResource()
                .endMetric().endSpec().build();
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Bumped whenever rendering changes, so that components are applied again after an
     * upgrade of Kato that renders them differently.
     */
    static final int RENDERING = 2;

    /**
     * A digest of everything rendering depends on, computed without rendering: a reconcile
     * pass over unchanged components then costs a hash per component. Maps are taken in
     * key order, so the same deployment has the same fingerprint in every run of Kato.
     */
    static String fingerprint(Deployment d, String namespace, Layout layout) {
        StringBuilder b = new StringBuilder(512).append(RENDERING).append('\0').append(namespace).append('\0')
                .append(layout).append('\0');
        for (Object o : List.of(d.componentId(), d.name(), d.team(), String.valueOf(d.versionId()), d.artifact(),
                d.startCommand(), d.running(), d.instances(), d.memoryMb(), d.deployType(), d.ports(), d.probes(),
                d.revision(), new java.util.TreeSet<>(d.secretEnv()), d.volumes(), String.valueOf(d.autoscaling()))) {
            b.append(o).append('\0');
        }
        new TreeMap<>(d.env()).forEach((k, v) -> b.append(k).append('=').append(v).append('\0'));
        for (Deployment.Plugin p : containers(d)) { // its toString leaves the env out
            b.append(p.name()).append(p.init()).append(p.image()).append(p.localCommand()).append(p.memoryMb())
                    .append(p.cpuMillis()).append(new TreeMap<>(p.env())).append(p.args())
                    .append(new java.util.TreeSet<>(p.secretEnv())).append('\0');
        }
        for (Deployment.Route r : d.routes()) { // its toString leaves the key out
            b.append(r.host()).append(r.path()).append(r.port()).append(r.weight()).append(r.primary())
                    .append(new TreeMap<>(r.headers())).append(r.certificatePem()).append(r.keyPem()).append('\0');
        }
        return sha256(b.toString()).substring(0, 32);
    }

    static Map<String, String> selector(Deployment d) {
        return Map.of(COMPONENT, d.componentId());
    }

    private static Map<String, String> labels(Deployment d) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/name", d.name());
        labels.put("app.kubernetes.io/instance", d.name() + "-" + d.team());
        labels.put("app.kubernetes.io/part-of", d.team());
        labels.put(MANAGED_BY, KATO);
        labels.put(COMPONENT, d.componentId());
        labels.put(TEAM, d.team());
        return labels;
    }

    private static ObjectMeta meta(Deployment d, String namespace, String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels(d)).build();
    }

    /** The secret values only; plain ones go in the container, where they can be read back as given. */
    private static Secret envSecret(Deployment d, String namespace, String name) {
        Map<String, String> data = new TreeMap<>();
        d.env().forEach((k, v) -> {
            if (d.secretEnv().contains(k)) {
                data.put(k, base64(v));
            }
        });
        // data rather than stringData: what the API server stores, so an apply that changes nothing is seen as such
        return new SecretBuilder().withMetadata(meta(d, namespace, name)).withType("Opaque").withData(data).build();
    }

    private static PodTemplateSpec pod(Deployment d, String envSecret, String files, List<Volume> configFiles) {
        Map<String, String> labels = new TreeMap<>(labels(d));
        if (d.versionId() != null) {
            labels.put(VERSION, d.versionId());
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(REVISION, Long.toString(d.revision()));
        if (!configFiles.isEmpty()) {
            StringBuilder all = new StringBuilder();
            configFiles.forEach(v -> all.append(v.name()).append('\0').append(v.path()).append('\0')
                    .append(v.content()).append('\0'));
            annotations.put(FILES, sha256(all.toString()).substring(0, 16));
        }
        Map<String, String> plain = new TreeMap<>(d.env());
        plain.keySet().removeAll(d.secretEnv());
        if (!d.ports().isEmpty()) {
            plain.putIfAbsent("PORT", Integer.toString(d.ports().get(0).port())); // as the local runtime gives it
        }
        Quantity memory = new Quantity(d.memoryMb() + "Mi");
        ContainerBuilder c = new ContainerBuilder().withName("main").withImage(d.artifact())
                .withPorts(d.ports().stream().map(Manifests::containerPort).toList())
                .withEnv(plain.entrySet().stream().map(e -> new EnvVarBuilder().withName(e.getKey())
                        .withValue(e.getValue()).build()).toList())
                .withNewResources().withLimits(Map.of("memory", memory)).withRequests(Map.of("memory", memory))
                .endResources();
        if (envSecret != null) {
            c.addNewEnvFrom().withNewSecretRef().withName(envSecret).endSecretRef().endEnvFrom();
        }
        if (!d.startCommand().isEmpty()) {
            c.withCommand(d.startCommand());
        }
        List<io.fabric8.kubernetes.api.model.Volume> volumes = new ArrayList<>();
        for (Volume v : d.volumes()) {
            String fileName = v.path().substring(v.path().lastIndexOf('/') + 1);
            c.addNewVolumeMount().withName(volumeName(v)).withMountPath(v.path())
                    .withSubPath(v.type() == VolumeType.CONFIG_FILE ? fileName : null).endVolumeMount();
            VolumeBuilder pv = new VolumeBuilder().withName(volumeName(v));
            switch (v.type()) {
                case SHARE_FILE -> volumes.add(pv.withNewPersistentVolumeClaim()
                        .withClaimName(d.name() + "-" + v.name()).endPersistentVolumeClaim().build());
                case MEMORY -> volumes.add(pv.withNewEmptyDir().withMedium("Memory")
                        .withSizeLimit(new Quantity(v.sizeMb() + "Mi")).endEmptyDir().build());
                case CONFIG_FILE -> volumes.add(pv.withNewConfigMap().withName(files)
                        .addNewItem().withKey(v.name()).withPath(fileName).endItem().endConfigMap().build());
                case LOCAL -> {
                    // a claim template of the StatefulSet, mounted by its name
                }
            }
        }
        probes(d, c);
        Container container = c.build();
        List<Container> sidecars = new ArrayList<>();
        sidecars.add(container);
        List<Container> inits = new ArrayList<>();
        for (Deployment.Plugin p : containers(d)) {
            (p.init() ? inits : sidecars).add(plugin(d, p, container.getVolumeMounts()));
        }
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).withAnnotations(annotations)
                .endMetadata().withNewSpec().withInitContainers(inits.isEmpty() ? null : inits).withContainers(sidecars).withVolumes(volumes)
                .withEnableServiceLinks(false).endSpec().build();
    }

    /**
     * A plugin's container: its image and args, its env (secret values from the plugins'
     * Secret), its memory and CPU, and the main container's volumes, which it shares.
     */
    private static Container plugin(Deployment d, Deployment.Plugin p,
                                    List<io.fabric8.kubernetes.api.model.VolumeMount> mounts) {
        List<io.fabric8.kubernetes.api.model.EnvVar> env = new ArrayList<>();
        new TreeMap<>(p.env()).forEach((k, v) -> env.add(p.secretEnv().contains(k)
                ? new EnvVarBuilder().withName(k).withNewValueFrom().withNewSecretKeyRef()
                        .withName(d.name() + "-plugins").withKey(p.name() + "." + k).endSecretKeyRef().endValueFrom()
                        .build()
                : new EnvVarBuilder().withName(k).withValue(v).build()));
        Quantity memory = new Quantity(p.memoryMb() + "Mi");
        return new ContainerBuilder().withName("plugin-" + p.name()).withImage(p.image())
                .withArgs(p.args().isEmpty() ? null : p.args()).withEnv(env)
                .withNewResources().withLimits(Map.of("memory", memory))
                // sorted: Map.of iterates in an order that changes from one JVM to the next
                .withRequests(new TreeMap<>(Map.of("memory", memory, "cpu", new Quantity(p.cpuMillis() + "m"))))
                .endResources()
                .withVolumeMounts(mounts).build();
    }

    /**
     * The plugins that run as containers: those with an image. One without runs only as a
     * local command or in Kato's gateway, and a cluster has neither.
     */
    private static List<Deployment.Plugin> containers(Deployment d) {
        return d.plugins().stream().filter(p -> p.image() != null).toList();
    }

    /** The plugins' secret values (the component's secrets they share, their discovery tokens), by plugin. */
    private static Secret pluginSecret(Deployment d, String namespace, String name) {
        Map<String, String> data = new TreeMap<>();
        for (Deployment.Plugin p : containers(d)) {
            p.secretEnv().forEach(k -> data.put(p.name() + "." + k, base64(p.env().getOrDefault(k, ""))));
        }
        return new SecretBuilder().withMetadata(meta(d, namespace, name)).withType("Opaque").withData(data).build();
    }

    /** Kato's probes, or a TCP readiness probe of the first port when none is given (the local runtime's default). */
    private static void probes(Deployment d, ContainerBuilder c) {
        List<ProbeSpec> probes = d.probes();
        if (probes.isEmpty() && !d.ports().isEmpty()) {
            probes = List.of(new ProbeSpec(ProbeSpec.Purpose.READINESS, ProbeSpec.Kind.TCP, d.ports().get(0).port(),
                    null, 0, 1, 1, 1, 3));
        }
        for (ProbeSpec p : probes) {
            Probe probe = probe(p);
            if (p.purpose() == ProbeSpec.Purpose.LIVENESS) {
                c.withLivenessProbe(probe);
            } else {
                c.withReadinessProbe(probe);
            }
        }
    }

    private static Probe probe(ProbeSpec p) {
        ProbeBuilder b = new ProbeBuilder().withInitialDelaySeconds(p.delaySeconds())
                .withPeriodSeconds(Math.max(1, p.periodSeconds())).withTimeoutSeconds(Math.max(1, p.timeoutSeconds()))
                .withSuccessThreshold(p.purpose() == ProbeSpec.Purpose.LIVENESS ? 1 : Math.max(1, p.successThreshold()))
                .withFailureThreshold(Math.max(1, p.failureThreshold()));
        return switch (p.kind()) {
            case TCP -> b.withNewTcpSocket().withPort(new IntOrString(p.port())).endTcpSocket().build();
            case HTTP -> b.withNewHttpGet().withPort(new IntOrString(p.port()))
                    .withPath(p.target() == null ? "/" : p.target()).endHttpGet().build();
            case CMD -> b.withNewExec().withCommand("sh", "-c", p.target()).endExec().build();
        };
    }

    private static ContainerPort containerPort(Port p) {
        return new ContainerPortBuilder().withName("p-" + p.port()).withContainerPort(p.port())
                .withProtocol(p.protocol() == Protocol.UDP ? "UDP" : "TCP").build();
    }

    private static Service service(Deployment d, String namespace, String name, boolean headless) {
        List<ServicePort> ports = d.ports().stream().map(p -> new ServicePortBuilder().withName("p-" + p.port())
                .withPort(p.port()).withTargetPort(new IntOrString(p.port()))
                .withProtocol(p.protocol() == Protocol.UDP ? "UDP" : "TCP").build()).toList();
        ServiceBuilder b = new ServiceBuilder().withMetadata(meta(d, namespace, name)).withNewSpec()
                .withSelector(selector(d)).withPorts(ports).endSpec();
        if (headless) {
            b.editSpec().withClusterIP("None").withPublishNotReadyAddresses(true).endSpec();
        }
        return b.build();
    }

    /**
     * What stands for a third-party component in its team's namespace: a Service without
     * selector and an Endpoints object of the same name listing the ready addresses (grouped
     * by port), or, for an endpoint named by a domain, an ExternalName Service. Its digest
     * annotation lets an unchanged one be left alone.
     */
    static List<HasMetadata> external(io.kato.api.runtime.ExternalService s, String namespace) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/name", s.name());
        labels.put("app.kubernetes.io/part-of", s.team());
        labels.put(MANAGED_BY, KATO);
        labels.put(COMPONENT, s.componentId());
        labels.put(TEAM, s.team());
        labels.put(THIRD_PARTY, "true");
        ServicePort port = new ServicePortBuilder().withName("p-" + s.port().port()).withPort(s.port().port())
                .withTargetPort(new IntOrString(s.port().port()))
                .withProtocol(s.port().protocol() == Protocol.UDP ? "UDP" : "TCP").build();
        String domain = s.addresses().stream().map(Manifests::host).filter(h -> !isIp(h)).findFirst().orElse(null);
        String digest = sha256(RENDERING + "\0" + s.name() + "\0" + s.port() + "\0" + s.addresses()).substring(0, 32);
        ObjectMeta meta = new ObjectMetaBuilder().withName(s.name()).withNamespace(namespace).withLabels(labels)
                .withAnnotations(Map.of(APPLIED, digest)).build();
        if (domain != null) {
            return List.of(new ServiceBuilder().withMetadata(meta).withNewSpec().withType("ExternalName")
                    .withExternalName(domain).withPorts(port).endSpec().build());
        }
        Service service = new ServiceBuilder().withMetadata(meta).withNewSpec().withPorts(port).endSpec().build();
        Map<Integer, List<String>> byPort = new TreeMap<>();
        for (String a : s.addresses()) {
            byPort.computeIfAbsent(Integer.parseInt(a.substring(a.lastIndexOf(':') + 1)), k -> new ArrayList<>())
                    .add(host(a));
        }
        List<io.fabric8.kubernetes.api.model.EndpointSubset> subsets = new ArrayList<>();
        byPort.forEach((p, hosts) -> subsets.add(new io.fabric8.kubernetes.api.model.EndpointSubsetBuilder()
                .withAddresses(hosts.stream().sorted().map(h -> new io.fabric8.kubernetes.api.model.EndpointAddressBuilder()
                        .withIp(h).build()).toList())
                .withPorts(new io.fabric8.kubernetes.api.model.EndpointPortBuilder().withName("p-" + s.port().port())
                        .withPort(p).withProtocol(port.getProtocol()).build()).build()));
        io.fabric8.kubernetes.api.model.Endpoints endpoints = new io.fabric8.kubernetes.api.model.EndpointsBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(s.name()).withNamespace(namespace).withLabels(labels)
                        .build()).withSubsets(subsets).build();
        return List.of(service, endpoints);
    }

    private static String host(String address) {
        return address.substring(0, address.lastIndexOf(':')).replace("[", "").replace("]", "");
    }

    private static boolean isIp(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
