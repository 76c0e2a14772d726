package io.carapulse.tools.kubectl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KubeHttpStatusTest {

    @ParameterizedTest(name = "{0} -> {1}, retriable read {2}")
    @CsvSource({
            "401, unauthenticated, false",
            "403, forbidden, false",
            "404, not_found, false",
            "409, conflict, false",
            "422, invalid_arguments, false",
            "429, rate_limited, true",
            "400, tool_failed, false",
            "500, unavailable, false",
            "503, unavailable, true",
            "504, unavailable, true",
            "0, unavailable, true",
            "-1, unavailable, true"})
    void shouldMapAnApiStatusToACode(int status, String code, boolean retriable) {
        assertThat(KubeHttpStatus.code(status).code()).isEqualTo(code);
        assertThat(KubeHttpStatus.retriable(status)).isEqualTo(retriable);
    }
}
