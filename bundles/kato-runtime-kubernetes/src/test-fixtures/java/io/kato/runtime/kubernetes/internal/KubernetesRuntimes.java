package io.kato.runtime.kubernetes.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kato.api.runtime.Runtime;

/** For tests elsewhere: the kubernetes runtime on a client of the test's (Fabric8's mock API server). */
public final class KubernetesRuntimes {
    private KubernetesRuntimes() {
    }

    public static Runtime onClient(KubernetesClient client) {
        return new KubernetesRuntime(client, "kato-");
    }
}
