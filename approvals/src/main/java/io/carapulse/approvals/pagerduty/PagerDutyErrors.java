package io.carapulse.approvals.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.error.PermanentException;
import io.carapulse.api.error.RetriableException;
import io.carapulse.approvals.http.ErrorText;
import io.carapulse.approvals.http.JsonHttp;
import java.util.Collection;
import java.util.Optional;

/**
 * The one place where a PagerDuty answer becomes an exception (STYLE 6), for the Events API
 * ({@code {"status","message","errors"}}) and the REST API ({@code {"error":{"message","code"}}}).
 * 429 and 5xx may pass; 400 (an invalid event), 401, 403 and 404 will not.
 */
final class PagerDutyErrors {

    private PagerDutyErrors() {
    }

    static Optional<CarapulseException> of(String api, JsonHttp.Answer answer, Collection<String> secrets) {
        int s = answer.status();
        if (answer.ok()) {
            return Optional.empty();
        }
        String detail = "PagerDuty " + api + " answered " + s + quoted(ErrorText.quote(message(answer), secrets));
        if (s == 429) {
            return Optional.of(new RetriableException("channel_rate_limited", detail));
        }
        if (s >= 500) {
            return Optional.of(new RetriableException("channel_unavailable", detail));
        }
        if (s == 401 || s == 403) {
            return Optional.of(new PermanentException("channel_unauthorized", detail));
        }
        return Optional.of(new PermanentException("channel_refused", detail));
    }

    private static String message(JsonHttp.Answer answer) {
        JsonNode json = answer.json();
        JsonNode rest = json.path("error");
        if (rest.isObject()) {
            return rest.path("message").asText("") + errors(rest.path("errors"));
        }
        if (json.has("message")) {
            return json.path("message").asText("") + errors(json.path("errors"));
        }
        return answer.text();
    }

    private static String errors(JsonNode errors) {
        if (!errors.isArray() || errors.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (");
        errors.forEach(e -> b.append(b.length() > 2 ? "; " : "").append(e.asText()));
        return b.append(')').toString();
    }

    private static String quoted(String text) {
        return text.isEmpty() ? "" : ": " + text;
    }
}
