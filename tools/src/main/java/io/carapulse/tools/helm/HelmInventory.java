package io.carapulse.tools.helm;

import io.carapulse.config.InventoryPart;
import io.carapulse.config.SecretRef;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where an environment's Helm charts and values may come from ({@code carapulse.environments.<env>.helm},
 * S6). The cluster Helm installs into is the environment's Kubernetes cluster.
 *
 * @param values the Git repository Helm values are taken from, if the environment has one
 * @param charts where Helm charts may come from; {@link Charts#NONE} when nothing is declared
 */
public record HelmInventory(Optional<Values> values, Charts charts) implements InventoryPart {

    /** A {@code helm} block that declares nothing. */
    public static final HelmInventory NONE = new HelmInventory(Optional.empty(), Charts.NONE);

    /** The chart sources by name and URL or prefix, and the values repository's ref: never a credential. */
    @Override
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (!charts.repositories().isEmpty() || !charts.registries().isEmpty()) {
            StringBuilder sb = new StringBuilder("Helm charts may come from:");
            charts.repositories().forEach(r -> sb.append(" ").append(r.name()).append("/<chart> (")
                    .append(r.url()).append(");"));
            charts.registries().forEach(r -> sb.append(" ").append(r.prefix()).append("/<chart>;"));
            lines.add(sb.toString());
        }
        values.ifPresent(v -> lines.add("Helm values files come from the environment's values repository, ref "
                + v.ref()));
        return List.copyOf(lines);
    }

    /**
     * The Git repository an environment's Helm {@code values_ref} files are read from.
     *
     * @param repo  {@code https://…} or {@code file:…} URL of the repository
     * @param ref   the branch or tag cloned
     * @param token bearer token for the repository, if any
     */
    public record Values(URI repo, String ref, Optional<SecretRef> token) {
    }

    /**
     * The chart sources of an environment: a {@code helm.upgrade} may name a chart only as
     * {@code <repository>/<chart>} of a declared repository or as an {@code oci://} reference under a
     * declared registry prefix.
     *
     * @param repositories classic chart repositories, by unique name
     * @param registries   OCI registry prefixes
     */
    public record Charts(List<ChartRepository> repositories, List<OciRegistry> registries) {

        public static final Charts NONE = new Charts(List.of(), List.of());

        public Charts {
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
