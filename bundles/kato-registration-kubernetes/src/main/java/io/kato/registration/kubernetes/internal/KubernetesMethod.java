package io.kato.registration.kubernetes.internal;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kato.api.thirdparty.RegistrationMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Endpoints of a Service in a namespace of a cluster (one outside Kato's own namespaces:
 * a database another team runs there, say), watched with a Fabric8 informer: its ready
 * addresses online, its not-ready ones offline, each with the chosen port. It talks to the
 * cluster the kubernetes runtime is configured for ({@code etc/io.kato.runtime.kubernetes.cfg}),
 * and registers only once that configuration exists.
 */
@Component(service = RegistrationMethod.class, configurationPid = "io.kato.runtime.kubernetes",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class KubernetesMethod implements RegistrationMethod {
    static final String NAMESPACE = "namespace";
    static final String SERVICE = "service";
    static final String PORT = "port";
    private static final Set<String> SETTINGS = Set.of(NAMESPACE, SERVICE, PORT);
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private final KubernetesClient client;
    private final boolean ownsClient;

    /** The part of the kubernetes runtime's configuration that says how to reach the cluster. */
    @ObjectClassDefinition(name = "Kato kubernetes registration method")
    public @interface Cluster {
        @AttributeDefinition(description = "A kubeconfig file; empty: the usual places, or the pod's service account")
        String kubeconfig() default "";

        @AttributeDefinition(description = "The kubeconfig context to use; empty: its current one")
        String context() default "";
    }

    @Activate
    public KubernetesMethod(Cluster cluster) throws IOException {
        String context = cluster.context().isBlank() ? null : cluster.context();
        Config config = cluster.kubeconfig().isBlank() ? Config.autoConfigure(context)
                : Config.fromKubeconfig(context, Files.readString(Path.of(cluster.kubeconfig())), cluster.kubeconfig());
        this.client = new KubernetesClientBuilder().withConfig(config).build();
        this.ownsClient = true;
    }

    /** On a client of the caller's, which it keeps (tests). */
    KubernetesMethod(KubernetesClient client) {
        this.client = client;
        this.ownsClient = false;
    }

    @Deactivate
    void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public String usage() {
        return "namespace and service: a Service of the cluster Kato's kubernetes runtime uses; port: the name or number"
                + " of its port (default: the component's port)";
    }

    @Override
    public List<String> validate(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        config.keySet().stream().filter(k -> !SETTINGS.contains(k)).sorted().forEach(k -> problems.add(
                "unknown setting '" + k + "': the kubernetes method takes " + new java.util.TreeSet<>(SETTINGS)));
        for (String key : List.of(NAMESPACE, SERVICE)) {
            String v = config.get(key);
            if (v == null || !LABEL.matcher(v).matches()) {
                problems.add(key + " must be a Kubernetes name (lower-case letters, digits and '-')");
            }
        }
        String port = config.get(PORT);
        if (port != null && !LABEL.matcher(port).matches()) {
            problems.add(PORT + " must be a port's name or number");
        }
        return problems;
    }

    @Override
    public AutoCloseable start(String componentId, Map<String, String> config, int port, EndpointSink sink) {
        String wanted = config.getOrDefault(PORT, Integer.toString(port));
        SharedIndexInformer<Endpoints> informer = client.endpoints().inNamespace(config.get(NAMESPACE))
                .withName(config.get(SERVICE)).inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Endpoints e) {
                        sink.endpoints(endpoints(e, wanted, port));
                    }

                    @Override
                    public void onUpdate(Endpoints before, Endpoints e) {
                        sink.endpoints(endpoints(e, wanted, port));
                    }

                    @Override
                    public void onDelete(Endpoints e, boolean unknownFinalState) {
                        sink.endpoints(List.of());
                    }
                });
        return informer::close;
    }

    /**
     * Each address of each subset with its port: the subset's port of that name or number,
     * else its only port, else the component's.
     */
    static List<Endpoint> endpoints(Endpoints e, String wanted, int fallback) {
        List<Endpoint> out = new ArrayList<>();
        for (EndpointSubset s : e.getSubsets() == null ? List.<EndpointSubset>of() : e.getSubsets()) {
            List<EndpointPort> ports = s.getPorts() == null ? List.of() : s.getPorts();
            int p = ports.stream().filter(x -> wanted.equals(x.getName()) || wanted.equals(String.valueOf(x.getPort())))
                    .map(EndpointPort::getPort).findFirst().orElse(ports.size() == 1 ? ports.get(0).getPort() : fallback);
            for (EndpointAddress a : s.getAddresses() == null ? List.<EndpointAddress>of() : s.getAddresses()) {
                out.add(new Endpoint(a.getIp(), p, true));
            }
            for (EndpointAddress a : s.getNotReadyAddresses() == null ? List.<EndpointAddress>of()
                    : s.getNotReadyAddresses()) {
                out.add(new Endpoint(a.getIp(), p, false));
            }
        }
        out.sort(Comparator.comparing(Endpoint::address));
        return out;
    }
}
