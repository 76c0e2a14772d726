package io.carapulse.llm.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.llm.LlmException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one mapping from a failed refresh to an exception, as a table. */
class RefreshErrorsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "401|                                                   |AUTH_EXPIRED|",
            "401|{\"error\":\"whatever\"}                           |AUTH_EXPIRED|whatever",
            "400|{\"error\":\"refresh_token_expired\"}              |AUTH_EXPIRED|refresh_token_expired",
            "400|{\"error\":{\"code\":\"refresh_token_reused\"}}    |AUTH_EXPIRED|refresh_token_reused",
            "400|{\"code\":\"refresh_token_invalidated\"}           |AUTH_EXPIRED|refresh_token_invalidated",
            "400|{\"error\":\"invalid_grant\"}                      |AUTH_EXPIRED|invalid_grant",
            "400|{\"error\":\"invalid_request\"}                    |AUTH_EXPIRED|invalid_request",
            "404|not json                                           |AUTH_EXPIRED|",
            "408|                                                   |UNAVAILABLE |",
            "429|{\"error\":\"rate_limited\"}                       |UNAVAILABLE |rate_limited",
            "500|<html>oops</html>                                  |UNAVAILABLE |",
            "503|{\"error\":\"refresh_token_reused\"}               |AUTH_EXPIRED|refresh_token_reused",
            "400|{\"error\":\"has spaces so it is no code\"}        |AUTH_EXPIRED|"})
    void shouldMapEachFailureOnce(int status, String body, String kind, String code) {
        CarapulseException e = RefreshErrors.fromResponse("openai-codex:a", status, body);

        assertThat(e).isInstanceOf(kind.equals("AUTH_EXPIRED") ? LlmException.AuthExpired.class : LlmException.Unavailable.class);
        assertThat(e.getMessage()).startsWith("refreshing auth profile openai-codex:a failed: HTTP " + status
                + (code == null ? "" : " (" + code + ")"));
        assertThat(e.getMessage()).doesNotContain("has spaces").doesNotContain("<html>");
        if (kind.equals("AUTH_EXPIRED")) {
            assertThat(e.getMessage()).endsWith("Sign in again with `assistantctl llm auth login`");
        }
    }
}
