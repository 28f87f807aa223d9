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
}
