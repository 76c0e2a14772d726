package io.carapulse.tools.kubernetes;

import io.carapulse.tools.family.InventoryNames;

import io.carapulse.config.InventoryChecks;
import io.carapulse.config.InventorySection;
import io.carapulse.config.SecretRef;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code carapulse.environments.<env>.kubernetes}: an environment's cluster, checked at start-up. */
@Singleton
public final class KubernetesSection implements InventorySection<KubernetesCluster> {

    /** The section's key under an environment. */
    public static final String KEY = "kubernetes";

    private final Map<String, KubernetesProperties.Cluster> clusters;

    public KubernetesSection(Collection<KubernetesProperties> properties) {
        this.clusters = properties.stream().filter(p -> p.kubernetes() != null)
                .collect(Collectors.toMap(KubernetesProperties::name, KubernetesProperties::kubernetes));
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<KubernetesCluster> type() {
        return KubernetesCluster.class;
    }

    @Override
    public Optional<KubernetesCluster> load(String environment, List<String> problems) {
        KubernetesProperties.Cluster k = clusters.get(environment);
        if (k == null) {
            return Optional.empty();
        }
        String key = InventoryChecks.key(environment, KEY);
        int before = problems.size();
        Optional<SecretRef> kubeconfig = InventoryChecks.secret(key + ".kubeconfig", k.kubeconfig(), problems);
        Optional<SecretRef> token = InventoryChecks.secret(key + ".token", k.token(), problems);
        Optional<URI> apiServer = Optional.empty();
        if (k.apiServer() != null && !k.apiServer().isBlank()) {
            apiServer = url(key + ".api-server", k.apiServer(), problems);
            if (token.isEmpty()) {
                problems.add(key + ".token: the HTTP fallback to " + k.apiServer()
                        + " needs a token (env:… or file:…)");
            }
        }
        if (k.context() != null && !k.context().isBlank() && k.context().startsWith("-")) {
            problems.add(key + ".context: must not start with '-'");
        }
        Set<String> namespaces = InventoryNames.dnsLabels(key + ".namespaces", k.namespaces(), problems);
        if (namespaces.isEmpty()) {
            problems.add(key + ".namespaces: list the namespaces steps may touch (nothing is allowed by default)");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesCluster(
                Optional.ofNullable(k.context()).filter(c -> !c.isBlank()), kubeconfig, apiServer, token, namespaces));
    }

    private static Optional<URI> url(String key, String text, List<String> problems) {
        try {
            URI uri = new URI(text);
            boolean local = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && local)) {
                problems.add(key + ": must be an https:// URL (plain http only for localhost)");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problems.add(key + ": not a URL: " + e.getReason());
            return Optional.empty();
        }
    }
}
