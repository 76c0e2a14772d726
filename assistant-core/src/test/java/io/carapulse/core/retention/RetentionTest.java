package io.carapulse.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.util.Throwables.getRootCause;

import io.carapulse.config.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Retention on the embedded default (H2), plus its settings. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionTest extends RetentionContract {

    @Test
    void shouldKeepEverythingForeverByDefault() {
        RetentionConfiguration none = new RetentionConfiguration(null, " ", null, Duration.ofHours(1), 200);
        assertThat(none.enabled()).isFalse();
        RetentionConfiguration some = new RetentionConfiguration("90d", null, "30d", Duration.ofHours(1), 200);
        assertThat(some.eventLogPeriod()).contains(Duration.ofDays(90));
        assertThat(some.chatPeriod()).contains(Duration.ofDays(30));
        assertThat(some.stepOutputPeriod()).isEmpty();
    }

    @Test
    void shouldStopStartUpNamingAnInvalidRetention() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class,
                Map.of("carapulse.retention.step-output", "90 days"), "test"))
                .satisfies(e -> {
                    assertThat(getRootCause(e)).isInstanceOf(ConfigurationException.class);
                    assertThat(getRootCause(e).getMessage()).isEqualTo("carapulse.retention.step-output must be a "
                            + "duration such as 90d, 720h or 30d");
                });
        assertThatThrownBy(() -> new RetentionConfiguration(null, null, "90s", Duration.ofHours(1), 200))
                .hasMessage("carapulse.retention.chat must be between 1h and 36500d");
    }
}
