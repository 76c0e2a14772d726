package io.carapulse.approvals.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.error.CarapulseException;
import io.carapulse.approvals.http.JsonHttp;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each Linear answer is classified: retried later, or shown as a refusal. */
class LinearErrorsTest {

    private static final String KEY = "lin_api_CANARY0123456789abcdefghijklmnopqrstuv";

    @ParameterizedTest(name = "{0} {1} -> {2} retriable={3}")
    @CsvSource({
            "200, '',                    ok,                    false",
            "200, RATELIMITED,           channel_rate_limited,  true",
            "400, RATELIMITED,           channel_rate_limited,  true",
            "429, '',                    channel_rate_limited,  true",
            "500, '',                    channel_unavailable,   true",
            "503, '',                    channel_unavailable,   true",
            "400, AUTHENTICATION_ERROR,  channel_unauthorized,  false",
            "401, '',                    channel_unauthorized,  false",
            "403, FORBIDDEN,             channel_unauthorized,  false",
            "400, INVALID_INPUT,         channel_refused,       false",
            "200, INVALID_INPUT,         channel_refused,       false",
            "404, '',                    channel_refused,       false"})
    void shouldClassifyEveryAnswer(int status, String code, String expected, boolean retriable) throws Exception {
        String body = code.isEmpty()
                ? (status == 200 ? "{\"data\":{\"viewer\":{\"id\":\"u1\"}}}" : "upstream said " + KEY)
                : "{\"errors\":[{\"message\":\"refused, key " + KEY + "\",\"extensions\":{\"type\":\"x\",\"code\":\""
                + code + "\"}}],\"data\":null}";
        JsonHttp.Answer answer = new JsonHttp.Answer(status, JsonHttp.JSON.readTree(
                body.startsWith("{") ? body : "null"), body);

        var result = LinearErrors.of(answer, List.of(KEY));

        if (expected.equals("ok")) {
            assertThat(result).isEmpty();
            return;
        }
        assertThat(result).get().satisfies(e -> {
            assertThat(e.code()).isEqualTo(expected);
            assertThat(e.retriable()).isEqualTo(retriable);
            assertThat(e.getMessage()).startsWith("Linear answered " + status).doesNotContain(KEY);
        });
        assertThat(result.map(CarapulseException::getMessage).orElseThrow()).isNotBlank();
    }
}
