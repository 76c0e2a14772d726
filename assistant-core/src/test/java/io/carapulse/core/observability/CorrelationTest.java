package io.carapulse.core.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelationTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @ParameterizedTest
    @ValueSource(strings = {"00-" + TRACE + "-00f067aa0ba902b7-01", "00-" + TRACE + "-00f067aa0ba902b7-00",
            " 00-" + TRACE + "-00f067aa0ba902b7-01 ", "01-" + TRACE + "-00f067aa0ba902b7-01-future"})
    void shouldTakeTheTraceIdOfAValidTraceparent(String traceparent) {
        assertThat(Correlation.forRequest(traceparent, "req-1")).isEqualTo(TRACE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-" + TRACE + "-0000000000000000-01", "ff-" + TRACE + "-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "00-" + TRACE + "-00f067aa0ba902b7-01-extra",
            "00-" + TRACE + "-00f067aa0ba902b7", "garbage", ""})
    void shouldFallBackToTheRequestIdWhenTheTraceparentIsInvalid(String traceparent) {
        assertThat(Correlation.forRequest(traceparent, "req-1")).isEqualTo("req-1");
    }

    @ParameterizedTest
    @CsvSource({"deploy-42.web", "a", "build:7_x", "0123456789012345678901234567890123456789012345678901234567890123"})
    void shouldKeepAWellFormedRequestId(String id) {
        assertThat(Correlation.forRequest(null, id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01234567890123456789012345678901234567890123456789012345678901234", "a b", "x\ty",
            "<script>", "-leading", ".dot", "id;rm", "ü", "a/b", "\"quoted\"", ""})
    void shouldReplaceAMalformedRequestIdWithANewOne(String id) {
        String replaced = Correlation.forRequest(null, id);
        assertThat(replaced).isNotEqualTo(id).matches("[0-9a-f]{32}");
    }

    @org.junit.jupiter.api.Test
    void shouldGenerateDistinctIdsShapedLikeTraceIds() {
        assertThat(Correlation.generate()).matches("[0-9a-f]{32}").isNotEqualTo(Correlation.generate());
        assertThat(Correlation.current()).isEmpty();
    }
}
