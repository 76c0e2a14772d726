package io.carapulse.tools.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one table of what an STS refusal means. */
class StsErrorsTest {

    @ParameterizedTest
    @CsvSource({
            "AccessDenied, 403, false, forbidden",
            "AccessDeniedException, 400, false, forbidden",
            "InvalidClientTokenId, 403, false, unauthenticated",
            "ExpiredToken, 400, false, unauthenticated",
            "SignatureDoesNotMatch, 403, false, unauthenticated",
            "RegionDisabledException, 403, false, configuration_invalid",
            "ValidationError, 400, false, configuration_invalid",
            "PackedPolicyTooLarge, 400, false, configuration_invalid",
            "Throttling, 400, true, rate_limited",
            "InternalFailure, 500, false, unavailable",
            "ServiceUnavailable, 503, false, unavailable",
            "IDPRejectedClaim, 403, false, tool_failed",
    })
    void shouldMapEveryStsAnswerToOneCode(String errorCode, int status, boolean throttling, String expected) {
        assertThat(StsErrors.code(errorCode, status, throttling)).isEqualTo(expected);
    }
}
