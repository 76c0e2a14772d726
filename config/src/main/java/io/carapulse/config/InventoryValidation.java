package io.carapulse.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the raw {@code kubernetes}, {@code argocd} and {@code helm} blocks of an environment into an
 * {@link Inventory}; the {@code helm} block is {@link HelmValidation}'s.
 */
final class InventoryValidation {

    /** A Kubernetes namespace or Argo CD project name (DNS-1123 label). */
    static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    private InventoryValidation() {
    }

    static Inventory validate(String key, EnvironmentProperties p, List<String> problems) {
        return new Inventory(kubernetes(key + ".kubernetes", p.kubernetes(), problems),
                argocd(key + ".argocd", p.argocd(), problems), HelmValidation.values(key + ".helm", p.helm(), problems),
                HelmValidation.charts(key + ".helm", p.helm(), problems));
    }

    private static Optional<Inventory.Kubernetes> kubernetes(String key, EnvironmentProperties.KubernetesProperties k,
                                                             List<String> problems) {
        if (k == null) {
            return Optional.empty();
        }
        int before = problems.size();
        Optional<SecretRef> kubeconfig = secret(key + ".kubeconfig", k.kubeconfig(), problems);
        Optional<SecretRef> token = secret(key + ".token", k.token(), problems);
        Optional<URI> apiServer = Optional.empty();
        if (k.apiServer() != null && !k.apiServer().isBlank()) {
            apiServer = url(key + ".api-server", k.apiServer(), problems);
            if (token.isEmpty()) {
                problems.add(key + ".token: the HTTP fallback to " + k.apiServer() + " needs a token (env:… or file:…)");
            }
        }
        if (k.context() != null && !k.context().isBlank() && k.context().startsWith("-")) {
            problems.add(key + ".context: must not start with '-'");
        }
        Set<String> namespaces = names(key + ".namespaces", k.namespaces(), problems);
        if (namespaces.isEmpty()) {
            problems.add(key + ".namespaces: list the namespaces steps may touch (nothing is allowed by default)");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Inventory.Kubernetes(
                Optional.ofNullable(k.context()).filter(c -> !c.isBlank()), kubeconfig, apiServer, token, namespaces));
    }

    private static Optional<Inventory.ArgoCd> argocd(String key, EnvironmentProperties.ArgoCdProperties a,
                                                     List<String> problems) {
        if (a == null) {
            return Optional.empty();
        }
        int before = problems.size();
        if (a.server() == null || a.server().isBlank() || a.server().startsWith("-")) {
            problems.add(key + ".server: the Argo CD server is required, e.g. argocd.example.com:443");
        }
        Optional<SecretRef> token = secret(key + ".token", a.token(), problems);
        if (token.isEmpty() && problems.size() == before) {
            problems.add(key + ".token: the Argo CD token is required (env:… or file:…)");
        }
        Set<String> projects = names(key + ".projects", a.projects(), problems);
        if (projects.isEmpty()) {
            problems.add(key + ".projects: list the Argo CD projects steps may touch (nothing is allowed by default)");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Inventory.ArgoCd(a.server(), token.orElseThrow(), projects));
    }

    /** The secret reference at {@code key}, empty when absent; a bad one is a problem naming the key. */
    static Optional<SecretRef> secret(String key, String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SecretRef.parse(key, text));
        } catch (ConfigurationException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
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

    private static Set<String> names(String key, List<String> names, List<String> problems) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names == null ? List.<String>of() : names) {
            if (n.isBlank()) {
                continue; // the binding's default for an absent list
            }
            if (n.matches(DNS_LABEL)) {
                out.add(n);
            } else {
                problems.add(key + ": '" + n + "' is not a valid name (lower-case letters, digits, '-')");
            }
        }
        return out;
    }
}
