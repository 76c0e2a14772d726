package io.carapulse.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * What an environment's steps may touch (S6): its Kubernetes cluster (also Helm's) and its Argo CD.
 * Adapters inject these targets themselves ({@code --context}, {@code -n}, {@code --server}); a step
 * naming anything else is refused at plan time with {@code target_not_allowed}.
 *
 * @param kubernetes the cluster, if the environment has one
 * @param argocd     the Argo CD, if the environment has one
 * @param helmValues the Git repository Helm values are taken from, if the environment has one
 */
public record Inventory(Optional<Kubernetes> kubernetes, Optional<ArgoCd> argocd, Optional<HelmValues> helmValues) {

    public static final Inventory NONE = new Inventory(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * @param context    kube context for the CLI, or empty to use the kubeconfig's current context
     * @param kubeconfig the kubeconfig for the CLI, if any
     * @param apiServer  API server for the HTTP fallback, if any
     * @param token      bearer token for the HTTP fallback, if any
     * @param namespaces the only namespaces steps may name
     */
    public record Kubernetes(Optional<String> context, Optional<SecretRef> kubeconfig, Optional<URI> apiServer,
                             Optional<SecretRef> token, Set<String> namespaces) {

        public Kubernetes {
            namespaces = Set.copyOf(namespaces);
        }

        public boolean allows(String namespace) {
            return namespaces.contains(namespace);
        }
    }

    /**
     * @param server   Argo CD server, as the CLI's {@code --server} takes it
     * @param token    API token
     * @param projects the only Argo CD projects whose applications steps may name
     */
    public record ArgoCd(String server, SecretRef token, Set<String> projects) {

        public ArgoCd {
            projects = Set.copyOf(projects);
        }
    }

    /**
     * The Git repository an environment's Helm {@code values_ref} files are read from.
     *
     * @param repo  {@code https://…} or {@code file:…} URL of the repository
     * @param ref   the branch or tag cloned
     * @param token bearer token for the repository, if any
     */
    public record HelmValues(URI repo, String ref, Optional<SecretRef> token) {
    }
}
