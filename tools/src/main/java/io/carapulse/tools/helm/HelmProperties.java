package io.carapulse.tools.helm;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;
import java.util.Map;

/**
 * The Helm family's view of one environment as written under {@code carapulse.environments.<name>}:
 * only its {@code helm} block, raw values that {@link HelmSection} validates at start-up.
 *
 * @param name the environment's name (the map key)
 * @param helm the block, or null when the environment declares none
 */
@EachProperty("carapulse.environments")
public record HelmProperties(@Parameter String name, @Nullable Sources helm) {

    /**
     * {@code carapulse.environments.<name>.helm.*}: where an environment's Helm charts may come from,
     * and where Helm's {@code values_ref} files come from. Every part is optional.
     *
     * @param valuesRepo        the Git repository of values files ({@code https://…}, or {@code file:…} for tests)
     * @param valuesRef         the branch or tag cloned, default {@code main}
     * @param valuesToken       optional bearer token for the values repository ({@code env:…} or {@code file:…})
     * @param chartRepositories classic chart repositories a step may name as {@code <name>/<chart>}: each
     *                          with {@code name}, {@code url} and optionally {@code username} and
     *                          {@code password} (a secret reference); raw maps, because Micronaut does not
     *                          bind a list of records here, checked key by key at start-up
     * @param ociRegistries     OCI registry locations a step's {@code oci://} chart must lie under: each with
     *                          {@code prefix} and optionally {@code username} and {@code password}
     */
    @ConfigurationProperties("helm")
    public record Sources(
            @Nullable String valuesRepo,
            @Bindable(defaultValue = "main") String valuesRef,
            @Nullable String valuesToken,
            @Nullable List<Map<String, Object>> chartRepositories,
            @Nullable List<Map<String, Object>> ociRegistries) {
    }
}
