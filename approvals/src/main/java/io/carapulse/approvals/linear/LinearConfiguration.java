package io.carapulse.approvals.linear;

import io.carapulse.approvals.http.HttpsOnly;
import io.carapulse.config.ConfigurationException;
import io.carapulse.config.SecretRef;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;

/**
 * {@code carapulse.approvals.linear.*}: the Linear workspace approval issues go to. Present when an
 * API key is configured; checked when the server starts. Secrets are references ({@code env:},
 * {@code file:}), read only when a call needs them.
 *
 * @param apiUrl           the GraphQL endpoint
 * @param apiKey           reference to a personal API key (sent as-is in {@code Authorization}) or to
 *                         {@code Bearer <OAuth token>}; needs issues, comments and labels write access
 * @param webhookSecret    reference to the signing secret of the Linear webhook; without it every
 *                         webhook delivery is refused and decisions arrive by polling only
 * @param teamId           the team (UUID) approval issues are created in
 * @param webhookTolerance how far a delivery's {@code webhookTimestamp} may be from the server's clock
 * @param timeout          per call
 */
@ConfigurationProperties("carapulse.approvals.linear")
@Requires(property = "carapulse.approvals.linear.api-key")
public record LinearConfiguration(
        @Bindable(defaultValue = "https://api.linear.app/graphql") URI apiUrl,
        String apiKey,
        @Nullable String webhookSecret,
        @Nullable String teamId,
        @Bindable(defaultValue = "60s") Duration webhookTolerance,
        @Bindable(defaultValue = "10s") Duration timeout) {

    public LinearConfiguration {
        HttpsOnly.check("carapulse.approvals.linear.api-url", apiUrl);
        SecretRef.parse("carapulse.approvals.linear.api-key", apiKey);
        if (webhookSecret != null && !webhookSecret.isBlank()) {
            SecretRef.parse("carapulse.approvals.linear.webhook-secret", webhookSecret);
        }
        if (teamId == null || !teamId.matches("[0-9a-fA-F-]{36}")) {
            throw new ConfigurationException("carapulse.approvals.linear.team-id: the id (UUID) of the Linear team"
                    + " approval issues are created in is required");
        }
        if (webhookTolerance == null || webhookTolerance.isNegative() || webhookTolerance.isZero()
                || webhookTolerance.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigurationException("carapulse.approvals.linear.webhook-tolerance must be between 1s and 10m");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException("carapulse.approvals.linear.timeout must be positive");
        }
    }

    public SecretRef apiKeyRef() {
        return SecretRef.parse("carapulse.approvals.linear.api-key", apiKey);
    }

    /** The webhook secret's reference, null when webhooks are not set up. */
    public SecretRef webhookSecretRef() {
        return webhookSecret == null || webhookSecret.isBlank() ? null
                : SecretRef.parse("carapulse.approvals.linear.webhook-secret", webhookSecret);
    }
}
