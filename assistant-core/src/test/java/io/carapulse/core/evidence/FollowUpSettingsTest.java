package io.carapulse.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.config.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The follow-up backoff: 30 s, then doubling, capped. */
class FollowUpSettingsTest {

    @Test
    void shouldDoubleTheWaitAfterEachAttemptUpToTheCap() {
        FollowUpSettings s = new FollowUpSettings(Duration.ofSeconds(30), Duration.ofMinutes(5));

        assertThat(java.util.stream.IntStream.rangeClosed(0, 6).mapToObj(s::delayAfter)).containsExactly(
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5));
        assertThat(s.delayAfter(10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldRefuseACapShorterThanTheFirstWait() {
        assertThatThrownBy(() -> new FollowUpSettings(Duration.ofMinutes(1), Duration.ofSeconds(30)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("carapulse.evidence.follow-up.max-delay must be at least first-delay (PT1M)");
        assertThatThrownBy(() -> new FollowUpSettings(Duration.ZERO, Duration.ofSeconds(30)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("first-delay");
    }
}
