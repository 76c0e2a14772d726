package io.carapulse.approvals.pagerduty;

import io.carapulse.approvals.http.HttpsOnly;
import io.carapulse.config.ConfigurationException;
import io.carapulse.config.SecretRef;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;

/**
 * {@code carapulse.approvals.pagerduty.*}: where pages go and how on-calls are looked up. Which
 * environment needs what is said per environment ({@code carapulse.environments.<name>.pagerduty});
 * the server checks at start-up that what they need is configured here.
 *
 * @param eventsUrl  the Events API v2 enqueue endpoint
 * @param apiUrl     the REST API (on-calls, incident look-up)
 * @param routingKey reference to the default Events v2 routing (integration) key
 * @param apiToken   reference to a REST API token (read access to on-calls and incidents)
 * @param source     the {@code payload.source} of pages
 * @param timeout    per call
 */
@ConfigurationProperties("carapulse.approvals.pagerduty")
public record PagerDutyConfiguration(
        @Bindable(defaultValue = "https://events.pagerduty.com/v2/enqueue") URI eventsUrl,
        @Bindable(defaultValue = "https://api.pagerduty.com") URI apiUrl,
        @Nullable String routingKey,
        @Nullable String apiToken,
        @Bindable(defaultValue = "carapulse") String source,
        @Bindable(defaultValue = "10s") Duration timeout) {

    public PagerDutyConfiguration {
        HttpsOnly.check("carapulse.approvals.pagerduty.events-url", eventsUrl);
        HttpsOnly.check("carapulse.approvals.pagerduty.api-url", apiUrl);
        if (present(routingKey)) {
            SecretRef.parse("carapulse.approvals.pagerduty.routing-key", routingKey);
        }
        if (present(apiToken)) {
            SecretRef.parse("carapulse.approvals.pagerduty.api-token", apiToken);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException("carapulse.approvals.pagerduty.timeout must be positive");
        }
    }

    /** The default routing key's reference, null when none is configured. */
    public SecretRef routingKeyRef() {
        return present(routingKey) ? SecretRef.parse("carapulse.approvals.pagerduty.routing-key", routingKey) : null;
    }

    /** The REST token's reference, null when none is configured. */
    public SecretRef apiTokenRef() {
        return present(apiToken) ? SecretRef.parse("carapulse.approvals.pagerduty.api-token", apiToken) : null;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
