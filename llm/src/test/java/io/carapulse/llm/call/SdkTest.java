package io.carapulse.llm.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.Headers;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdkTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    private static Duration retryAfter(String name, String value) {
        return Sdk.retryAfter(Headers.builder().put(name, value).build(), CLOCK);
    }

    @Test
    void shouldReadRetryAfterInEveryFormServersUse() {
        assertThat(retryAfter("Retry-After", "3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(retryAfter("Retry-After", "0.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(retryAfter("retry-after", "Tue, 24 Nov 2026 10:00:20 GMT")).isEqualTo(Duration.ofSeconds(20));
        assertThat(retryAfter("Retry-After-Ms", "250")).isEqualTo(Duration.ofMillis(250));
        assertThat(retryAfter("Retry-After", "-4")).isEqualTo(Duration.ZERO);
        assertThat(retryAfter("Retry-After", "soon")).isNull();
        assertThat(Sdk.retryAfter(Headers.builder().build(), CLOCK)).isNull();
    }

    @Test
    void shouldPreferRetryAfterMs() {
        Headers both = Headers.builder().put("Retry-After", "9").put("Retry-After-Ms", "100").build();

        assertThat(Sdk.retryAfter(both, CLOCK)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldScrubEverySecretAndCutLongMessages() {
        assertThat(Sdk.scrub("key sk-abcdef and token eyJ.x.y", List.of("sk-abcdef", "eyJ.x.y")))
                .isEqualTo("key **** and token ****");
        assertThat(Sdk.scrub("x".repeat(600), List.of())).hasSize(501).endsWith("…");
    }

    @Test
    void shouldShowABaseUrlWithoutItsUserInfo() {
        assertThat(Sdk.displayUrl("https://user:secret@llm.internal:8443/v1"))
                .isEqualTo("https://llm.internal:8443/v1");
        assertThat(Sdk.displayUrl("http://localhost:11434/v1")).isEqualTo("http://localhost:11434/v1");
    }

    @Test
    void shouldRecogniseATimeoutAnywhereInTheCauses() {
        assertThat(Sdk.isTimeout(new RuntimeException(new InterruptedIOException("timeout")))).isTrue();
        assertThat(Sdk.isTimeout(new RuntimeException(new ConnectException("refused")))).isFalse();
    }
}
