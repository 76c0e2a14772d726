package io.carapulse.core.evidence;

import io.carapulse.config.ConfigurationException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code carapulse.evidence.follow-up.*}: how often a pending follow-up is looked for again.
 *
 * @param firstDelay how long after the step's evidence was stored the first attempt is made; each attempt
 *                   that finds nothing yet doubles the wait (30 s, 1 min, 2 min …)
 * @param maxDelay   the longest wait between two attempts
 */
@ConfigurationProperties("carapulse.evidence.follow-up")
public record FollowUpSettings(
        @Bindable(defaultValue = "30s") Duration firstDelay,
        @Bindable(defaultValue = "5m") Duration maxDelay) {

    public FollowUpSettings {
        if (firstDelay == null || firstDelay.compareTo(Duration.ofMillis(10)) < 0) {
            throw new ConfigurationException("carapulse.evidence.follow-up.first-delay must be at least 10ms");
        }
        if (maxDelay == null || maxDelay.compareTo(firstDelay) < 0) {
            throw new ConfigurationException("carapulse.evidence.follow-up.max-delay must be at least first-delay ("
                    + firstDelay + ")");
        }
    }

    /** The wait before the next attempt once {@code attempts} attempts found nothing: first-delay × 2^attempts, capped. */
    public Duration delayAfter(int attempts) {
        Duration d = firstDelay;
        for (int i = 0; i < attempts && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
