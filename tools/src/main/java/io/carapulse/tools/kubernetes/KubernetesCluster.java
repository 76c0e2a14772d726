package io.carapulse.tools.kubernetes;

import io.carapulse.config.InventoryPart;
import io.carapulse.config.SecretRef;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one Kubernetes cluster of an environment ({@code carapulse.environments.<env>.kubernetes}), shared
 * by kubectl and Helm steps: where calls go and the only namespaces they may name (S6).
 *
 * @param context    kube context for the CLI, or empty to use the kubeconfig's current context
 * @param kubeconfig the kubeconfig for the CLI, if any
 * @param apiServer  API server for the HTTP fallback, if any
 * @param token      bearer token for the HTTP fallback, if any
 * @param namespaces the only namespaces steps may name
 */
public record KubernetesCluster(Optional<String> context, Optional<SecretRef> kubeconfig, Optional<URI> apiServer,
                                Optional<SecretRef> token, Set<String> namespaces) implements InventoryPart {

    public KubernetesCluster {
        namespaces = Set.copyOf(namespaces);
    }

    public boolean allows(String namespace) {
        return namespaces.contains(namespace);
    }

    /** The namespaces, without the context or anything about credentials. */
    @Override
    public List<String> describe() {
        return List.of("Kubernetes cluster (the runtime adds the context); namespaces: "
                + String.join(", ", new TreeSet<>(namespaces)));
    }
}
