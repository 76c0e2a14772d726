package io.carapulse.config;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
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
 * @param helmCharts where Helm charts may come from; {@link HelmCharts#NONE} when nothing is declared
 */
public record Inventory(Optional<Kubernetes> kubernetes, Optional<ArgoCd> argocd, Optional<HelmValues> helmValues,
                        HelmCharts helmCharts) {

    public static final Inventory NONE = new Inventory(Optional.empty(), Optional.empty(), Optional.empty(),
            HelmCharts.NONE);

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

    /**
     * The chart sources of an environment: a {@code helm.upgrade} may name a chart only as
     * {@code <repository>/<chart>} of a declared repository or as an {@code oci://} reference under a
     * declared registry prefix.
     *
     * @param repositories classic chart repositories, by unique name
     * @param registries   OCI registry prefixes
     */
    public record HelmCharts(List<ChartRepository> repositories, List<OciRegistry> registries) {

        public static final HelmCharts NONE = new HelmCharts(List.of(), List.of());

        public HelmCharts {
            repositories = List.copyOf(repositories);
            registries = List.copyOf(registries);
        }

        /** The repository declared under {@code name}, if any. */
        public Optional<ChartRepository> repository(String name) {
            return repositories.stream().filter(r -> r.name().equals(name)).findFirst();
        }

        /** The registry whose prefix {@code reference} lies under (the longest, when prefixes nest), if any. */
        public Optional<OciRegistry> registryFor(String reference) {
            return registries.stream().filter(r -> r.covers(reference))
                    .max(Comparator.comparingInt(r -> r.prefix().length()));
        }
    }

    /**
     * A classic chart repository (an {@code index.yaml} over HTTP).
     *
     * @param name     the name steps use as {@code <name>/<chart>}
     * @param url      the repository URL, without credentials
     * @param username user name, if the repository needs one
     * @param password password, present exactly when {@code username} is
     */
    public record ChartRepository(String name, URI url, Optional<String> username, Optional<SecretRef> password) {
    }

    /**
     * A location in an OCI registry that charts may be pulled from.
     *
     * @param prefix   {@code oci://host[:port][/path]}, without a trailing {@code /}
     * @param username user name, if the registry needs one
     * @param password password or token, present exactly when {@code username} is
     */
    public record OciRegistry(String prefix, Optional<String> username, Optional<SecretRef> password) {

        /** Whether {@code reference} is a chart under this prefix: the prefix, a {@code /}, then more. */
        public boolean covers(String reference) {
            return reference.startsWith(prefix + "/") && reference.length() > prefix.length() + 1;
        }

        /** The registry's {@code host[:port]}, the key of its credentials in a Docker-style config. */
        public String host() {
            String rest = prefix.substring("oci://".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }
    }
}
