package io.carapulse.core.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/observability.md names every metric the server registers, as Prometheus shows it. */
class ObservabilityDocsTest {

    @Test
    void shouldListEveryCarapulseMetric() throws Exception {
        String docs = Files.readString(Path.of("../docs/observability.md"));
        CarapulseMeters.HELP.keySet().forEach(name -> {
            String family = name.replace('.', '_');
            boolean histogram = name.endsWith(".duration") || name.endsWith(".wait");
            String shown = histogram ? family + "_seconds" : name.endsWith(".tokens") ? family : family + "_total";
            assertThat(docs).as(name).contains("| `" + shown + "` |");
        });
        assertThat(docs).contains("CARAPULSE_LOG_FORMAT", "X-Request-Id", "traceparent");
    }

    @Test
    void shouldBoundLabelValues() {
        assertThat(CarapulseMeters.bounded("fake")).isEqualTo("fake");
        assertThat(CarapulseMeters.bounded("Linear")).isEqualTo("linear");
        assertThat(CarapulseMeters.bounded("gpt-4o")).isEqualTo("gpt-4o");
        assertThat(CarapulseMeters.bounded("exe 01J9 with spaces")).isEqualTo("other");
        assertThat(CarapulseMeters.bounded("x".repeat(64))).isEqualTo("other");
        assertThat(CarapulseMeters.bounded(null)).isEqualTo("none");
        assertThat(TimedLlm.family("gpt-4o-2024-08-06")).isEqualTo("gpt-4o");
        assertThat(TimedLlm.family("claude-3-5-sonnet-20241022")).isEqualTo("claude-3-5-sonnet");
        assertThat(TimedLlm.family("gpt-5-codex")).isEqualTo("gpt-5-codex");
    }
}
