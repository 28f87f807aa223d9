package io.kato.runtime.kubernetes.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How Kato reaches its cluster and lays components out there ({@code etc/io.kato.runtime.kubernetes.cfg}). */
@ObjectClassDefinition(name = "Kato kubernetes runtime")
public @interface KubernetesConfig {
    @AttributeDefinition(description = "Path of a kubeconfig file; empty: $KUBECONFIG, ~/.kube/config, or the"
            + " service account when Kato runs in the cluster")
    String kubeconfig() default "";

    @AttributeDefinition(description = "Context of the kubeconfig to use; empty: its current context")
    String context() default "";

    @AttributeDefinition(description = "Each team's components go to the namespace <prefix><team>")
    String namespacePrefix() default "kato-";

    @AttributeDefinition(description = "Storage class of volumes' claims; empty: the cluster's default. share_file volumes ask for"
            + " ReadWriteMany, so it must offer that (NFS, CephFS, a cloud file store)")
    String storageClass() default "";

    @AttributeDefinition(description = "Ingress class of components' Ingresses; empty: the cluster's default."
            + " Weighted rules render as ingress-nginx canaries")
    String ingressClass() default "";

    @AttributeDefinition(description = "Where builds in the cluster push their images (host[:port]/path, e.g."
            + " registry.example.org/kato); empty: source is not built in the cluster")
    String buildRegistry() default "";

    @AttributeDefinition(description = "Namespace of build Jobs")
    String buildNamespace() default "kato-builds";

    @AttributeDefinition(description = "Image that builds and pushes (kaniko's executor or one that takes its"
            + " arguments)")
    String builderImage() default "gcr.io/kaniko-project/executor:v1.23.2";

    @AttributeDefinition(description = "Image of the build pod's first container, which receives the build"
            + " context (needs sh and tar)")
    String receiverImage() default "busybox:1.36";

    @AttributeDefinition(description = "A kubernetes.io/dockerconfigjson Secret in the build namespace with the"
            + " push credentials; empty: push anonymously")
    String buildPushSecret() default "";

    @AttributeDefinition(description = "The build registry speaks plain HTTP or has a certificate the builder"
            + " cannot check")
    boolean buildRegistryInsecure() default false;

    @AttributeDefinition(description = "A build in the cluster taking longer fails")
    int buildTimeoutSeconds() default 1800;
}
