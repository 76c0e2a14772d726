package io.carapulse.core.console;

import io.carapulse.config.ConfigurationException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code carapulse.console.oidc.*}: signing in to the console through the OIDC issuer the API trusts
 * ({@code carapulse.auth.oidc.issuer}), as a confidential client of its own. The redirect URI to
 * register with the issuer is {@code <public URL>/oauth/callback/carapulse}.
 *
 * @param enabled      turns the "Sign in with single sign-on" button on
 * @param clientId     the console's client id at the issuer
 * @param clientSecret its secret (from the environment, {@code CARAPULSE_CONSOLE_OIDC_CLIENT_SECRET}); never logged
 */
@ConfigurationProperties("carapulse.console.oidc")
@Requires(property = "carapulse.console.oidc.enabled", value = "true")
public record ConsoleOidcConfiguration(boolean enabled, @Nullable String clientId, @Nullable String clientSecret) {

    public ConsoleOidcConfiguration {
        if (clientId == null || clientId.isBlank()) {
            throw new ConfigurationException("carapulse.console.oidc.client-id (CARAPULSE_CONSOLE_OIDC_CLIENT_ID) is required"
                    + " when carapulse.console.oidc.enabled is true");
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new ConfigurationException("carapulse.console.oidc.client-secret (CARAPULSE_CONSOLE_OIDC_CLIENT_SECRET)"
                    + " is required when carapulse.console.oidc.enabled is true");
        }
    }

    @Override
    public String toString() {
        return "ConsoleOidcConfiguration[clientId=" + clientId + "]";
    }
}
