package io.carapulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarapulseVersionTest {

    @Test
    void shouldReportTheVersionTheBuildWroteIn() {
        assertThat(CarapulseVersion.current()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }
}
