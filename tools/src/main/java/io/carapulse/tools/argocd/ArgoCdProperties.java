package io.carapulse.tools.argocd;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * The Argo CD family's view of one environment as written under {@code carapulse.environments.<name>}:
 * only its {@code argocd} block, raw strings that {@link ArgoCdSection} validates at start-up.
 *
 * @param name   the environment's name (the map key)
 * @param argocd the block, or null when the environment declares no Argo CD
 */
@EachProperty("carapulse.environments")
public record ArgoCdProperties(@Parameter String name, @Nullable Server argocd) {

    /**
     * {@code carapulse.environments.<name>.argocd.*}.
     *
     * @param server   Argo CD server (host:port or URL)
     * @param token    API token ({@code env:…} or {@code file:…})
     * @param projects the Argo CD projects whose applications steps may name
     */
    @ConfigurationProperties("argocd")
    public record Server(
            @Nullable String server,
            @Nullable String token,
            @Bindable(defaultValue = "") List<String> projects) {
    }
}
