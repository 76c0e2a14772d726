package io.carapulse.tools.boundary;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * The Boundary family's view of one environment as written under {@code carapulse.environments.<name>}:
 * only its {@code boundary} block, raw strings that {@link BoundarySection} validates at start-up.
 *
 * @param name     the environment's name (the map key)
 * @param boundary the block, or null when the environment declares no Boundary
 */
@EachProperty("carapulse.environments")
public record BoundaryProperties(@Parameter String name, @Nullable Controller boundary) {

    /**
     * {@code carapulse.environments.<name>.boundary.*}.
     *
     * @param address      the controller's API address, e.g. {@code https://boundary.example.com}
     * @param authMethodId the password auth method the server logs in with ({@code ampw_…})
     * @param loginName    the account's login name
     * @param password     the account's password ({@code env:…} or {@code file:…})
     * @param scopes       the scope ids steps may read and act in
     * @param targets      the targets (ids or names) steps may touch
     * @param roles        the role ids through which access may be granted
     */
    @ConfigurationProperties("boundary")
    public record Controller(
            @Nullable String address,
            @Nullable String authMethodId,
            @Nullable String loginName,
            @Nullable String password,
            @Bindable(defaultValue = "") List<String> scopes,
            @Bindable(defaultValue = "") List<String> targets,
            @Bindable(defaultValue = "") List<String> roles) {
    }
}
