package io.carapulse.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.error.ProblemCode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One error shape for everything the framework answers on its own. */
class ProblemsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "400, MALFORMED_REQUEST",
            "401, UNAUTHENTICATED",
            "403, FORBIDDEN",
            "404, NOT_FOUND",
            "405, METHOD_NOT_ALLOWED",
            "406, NOT_ACCEPTABLE",
            "409, INVALID_STATE",
            "413, PAYLOAD_TOO_LARGE",
            "415, UNSUPPORTED_MEDIA_TYPE",
            "422, VALIDATION_FAILED",
            "503, UNAVAILABLE",
            "500, INTERNAL_ERROR",
    })
    void shouldMapAKnownStatusToTheCodeWithThatSameStatus(int status, ProblemCode code) {
        assertThat(Problems.forStatus(status)).isEqualTo(code);
        assertThat(code.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // decided as it is: any other client error is answered as a malformed request (status 400),
            // any other server error as an internal error (status 500)
            "402, MALFORMED_REQUEST",
            "408, MALFORMED_REQUEST",
            "429, MALFORMED_REQUEST",
            "501, INTERNAL_ERROR",
            "502, INTERNAL_ERROR",
            "504, INTERNAL_ERROR",
            "599, INTERNAL_ERROR",
    })
    void shouldMapAnyOtherStatusByItsClass(int status, ProblemCode code) {
        assertThat(Problems.forStatus(status)).isEqualTo(code);
    }

    @Test
    void shouldBuildAProblemBodyWithTheStableCode() {
        Map<String, Object> body = Problems.body(ProblemCode.FINGERPRINT_MISMATCH, null, null, Map.of("code", "x",
                "approvalId", "apr_1"));

        assertThat(body).containsEntry("type", "urn:carapulse:problem:fingerprint_mismatch")
                .containsEntry("title", "Fingerprint mismatch")
                .containsEntry("status", 409)
                .containsEntry("code", "fingerprint_mismatch")
                .containsEntry("detail", "Fingerprint mismatch")
                .containsEntry("approvalId", "apr_1")
                .doesNotContainKey("instance");
    }
}
