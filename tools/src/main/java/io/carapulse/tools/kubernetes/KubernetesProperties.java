package io.carapulse.tools.kubernetes;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * The Kubernetes family's view of one environment as written under {@code carapulse.environments.<name>}:
 * only its {@code kubernetes} block, raw strings that {@link KubernetesSection} validates at start-up.
 *
 * @param name       the environment's name (the map key)
 * @param kubernetes the block, or null when the environment declares no cluster
 */
@EachProperty("carapulse.environments")
public record KubernetesProperties(@Parameter String name, @Nullable Cluster kubernetes) {

    /**
     * {@code carapulse.environments.<name>.kubernetes.*}: the one cluster of an environment.
     *
     * @param context    kube context the CLI is pointed at ({@code --context})
     * @param kubeconfig where the kubeconfig lives ({@code env:…} or {@code file:…}); handed to the CLI as a
     *                   0600 temp file
     * @param apiServer  API server URL for the HTTP fallback
     * @param token      bearer token for the HTTP fallback ({@code env:…} or {@code file:…})
     * @param namespaces the namespaces steps may name; anything else is {@code target_not_allowed}
     */
    @ConfigurationProperties("kubernetes")
    public record Cluster(
            @Nullable String context,
            @Nullable String kubeconfig,
            @Nullable String apiServer,
            @Nullable String token,
            @Bindable(defaultValue = "") List<String> namespaces) {
    }
}
