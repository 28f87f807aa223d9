package io.kato.runtime.kubernetes.internal;

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
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.kato.api.build.ProbeSpec;
import io.kato.api.model.DeployType;
import io.kato.api.model.Port;
import io.kato.api.model.Protocol;
import io.kato.api.runtime.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A component's desired state as Kubernetes objects, rendered without talking to any
 * cluster: a Secret with its env (the runtime is not told which values were secret, so
 * all of them are kept as secret), a Deployment (stateless) or StatefulSet (stateful)
 * whose pod template carries the version and revision — a new version or revision rolls
 * out, one surge pod at a time, none taken away before its replacement is ready — and a
 * Service for its ports (plus a headless one governing a StatefulSet). Everything carries
 * the {@code app.kubernetes.io/*} labels and Kato's own, by which it is found and deleted.
 */
final class Manifests {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String COMPONENT = "kato.io/component-id";
    static final String VERSION = "kato.io/version-id";
    static final String REVISION = "kato.io/revision";
    static final String TEAM = "kato.io/team";
    /** On the workload: the digest of everything last applied for the component. */
    static final String APPLIED = "kato.io/applied";
    private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization JSON =
            new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
    static final String KATO = "kato";

    private Manifests() {
    }

    /** The team's namespace. */
    static Namespace namespace(String name, String team) {
        return new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of(MANAGED_BY, KATO, TEAM, team)).endMetadata().build();
    }

    /** The objects of one component, in the order they are applied. */
    static List<HasMetadata> render(Deployment d, String namespace) {
        List<HasMetadata> out = new ArrayList<>();
        String envSecret = d.name() + "-env";
        out.add(envSecret(d, namespace, envSecret));
        boolean stateful = d.deployType() == DeployType.STATEFUL_SINGLE
                || d.deployType() == DeployType.STATEFUL_MULTIPLE;
        if (!d.ports().isEmpty()) {
            out.add(service(d, namespace, d.name(), false));
        }
        int replicas = d.running() ? d.instances() : 0;
        PodTemplateSpec pod = pod(d, envSecret);
        if (stateful) {
            String governing = d.name() + "-pods";
            out.add(service(d, namespace, governing, true));
            out.add(new StatefulSetBuilder().withMetadata(meta(d, namespace, d.name()))
                    .withNewSpec().withReplicas(replicas).withServiceName(governing)
                    .withNewSelector().withMatchLabels(selector(d)).endSelector()
                    .withPodManagementPolicy("Parallel")
                    .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
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

    /** A digest of the rendered objects, to tell an unchanged component without asking the cluster. */
    static String digest(List<HasMetadata> objects) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(JSON.asJson(objects)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    private static Secret envSecret(Deployment d, String namespace, String name) {
        Map<String, String> env = new TreeMap<>(d.env());
        if (!d.ports().isEmpty()) {
            env.putIfAbsent("PORT", Integer.toString(d.ports().get(0).port())); // as the local runtime gives it
        }
        Map<String, String> data = new TreeMap<>();
        env.forEach((k, v) -> data.put(k, java.util.Base64.getEncoder().encodeToString(
                v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        // data rather than stringData: what the API server stores, so an apply that changes nothing is seen as such
        return new SecretBuilder().withMetadata(meta(d, namespace, name)).withType("Opaque").withData(data).build();
    }

    private static PodTemplateSpec pod(Deployment d, String envSecret) {
        Map<String, String> labels = new TreeMap<>(labels(d));
        if (d.versionId() != null) {
            labels.put(VERSION, d.versionId());
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(REVISION, Long.toString(d.revision()));
        Quantity memory = new Quantity(d.memoryMb() + "Mi");
        ContainerBuilder c = new ContainerBuilder().withName("main").withImage(d.artifact())
                .withPorts(d.ports().stream().map(Manifests::containerPort).toList())
                .addNewEnvFrom().withNewSecretRef().withName(envSecret).endSecretRef().endEnvFrom()
                .withNewResources().withLimits(Map.of("memory", memory)).withRequests(Map.of("memory", memory))
                .endResources();
        if (!d.startCommand().isEmpty()) {
            c.withCommand(d.startCommand());
        }
        probes(d, c);
        Container container = c.build();
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).withAnnotations(annotations)
                .endMetadata().withNewSpec().withContainers(container).withEnableServiceLinks(false).endSpec().build();
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
}
