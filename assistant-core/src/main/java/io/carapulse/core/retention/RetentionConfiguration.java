package io.carapulse.core.retention;

import io.carapulse.config.ConfigurationException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.ConversionService;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code carapulse.retention.*}: how long the bulky records are kept (docs/configuration.md,
 * "Retention"). Unset, a kind is kept forever. Audit records, evidence hashes and the rest of each
 * evidence record are never removed.
 *
 * @param eventLog   an ended execution's event log, counted from the end of the execution
 * @param stepOutput a step's output excerpt in its evidence, counted from the end of the step
 * @param chat       a chat session's messages, counted from its last activity
 * @param interval   how often a prune run starts
 * @param batchSize  at most this many executions, evidence records and sessions per transaction
 */
@ConfigurationProperties("carapulse.retention")
public record RetentionConfiguration(
        @Nullable String eventLog,
        @Nullable String stepOutput,
        @Nullable String chat,
        @Bindable(defaultValue = "1h") Duration interval,
        @Bindable(defaultValue = "200") int batchSize) {

    /** The shortest retention accepted: a typo such as {@code 90s} for {@code 90d} should not empty the log. */
    static final Duration SHORTEST = Duration.ofHours(1);
    static final Duration LONGEST = Duration.ofDays(36_500);

    public RetentionConfiguration {
        period("event-log", eventLog);
        period("step-output", stepOutput);
        period("chat", chat);
        if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigurationException("carapulse.retention.interval must be at least 1s");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new ConfigurationException("carapulse.retention.batch-size must be between 1 and 10000");
        }
    }

    public Optional<Duration> eventLogPeriod() {
        return period("event-log", eventLog);
    }

    public Optional<Duration> stepOutputPeriod() {
        return period("step-output", stepOutput);
    }

    public Optional<Duration> chatPeriod() {
        return period("chat", chat);
    }

    /** Whether anything is ever pruned. */
    public boolean enabled() {
        return eventLogPeriod().isPresent() || stepOutputPeriod().isPresent() || chatPeriod().isPresent();
    }

    private static Optional<Duration> period(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String key = "carapulse.retention." + name;
        Optional<Duration> d;
        try {
            d = ConversionService.SHARED.convert(value.strip(), Duration.class);
        } catch (RuntimeException e) {
            d = Optional.empty();
        }
        if (d.isEmpty()) {
            throw new ConfigurationException(key + " must be a duration such as 90d, 720h or 30d");
        }
        if (d.get().compareTo(SHORTEST) < 0 || d.get().compareTo(LONGEST) > 0) {
            throw new ConfigurationException(key + " must be between 1h and 36500d");
        }
        return d;
    }
}
