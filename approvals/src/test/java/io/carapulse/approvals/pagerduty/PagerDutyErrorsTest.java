package io.carapulse.approvals.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.approvals.http.JsonHttp;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each PagerDuty answer is classified, for the Events API and the REST API shapes. */
class PagerDutyErrorsTest {

    private static final String TOKEN = "u+CANARYpagerdutytoken0123";

    @ParameterizedTest(name = "{0} -> {1} retriable={2}")
    @CsvSource({
            "202, ok,                    false",
            "200, ok,                    false",
            "400, channel_refused,       false",
            "401, channel_unauthorized,  false",
            "403, channel_unauthorized,  false",
            "404, channel_refused,       false",
            "429, channel_rate_limited,  true",
            "500, channel_unavailable,   true",
            "502, channel_unavailable,   true"})
    void shouldClassifyEveryStatus(int status, String expected, boolean retriable) throws Exception {
        String events = "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
                + "[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}";
        String rest = "{\"error\":{\"message\":\"Invalid Input Provided " + TOKEN + "\",\"code\":2001,\"errors\":"
                + "[\"Invalid query\"]}}";
        for (String body : List.of(events, rest)) {
            var result = PagerDutyErrors.of("Events API", new JsonHttp.Answer(status, JsonHttp.JSON.readTree(body), body),
                    List.of(TOKEN));
            if (expected.equals("ok")) {
                assertThat(result).isEmpty();
                continue;
            }
            assertThat(result).get().satisfies(e -> {
                assertThat(e.code()).isEqualTo(expected);
                assertThat(e.retriable()).isEqualTo(retriable);
                assertThat(e.getMessage()).startsWith("PagerDuty Events API answered " + status)
                        .doesNotContain(TOKEN);
            });
        }
    }
}
