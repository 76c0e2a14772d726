package io.carapulse.approvals.linear;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.error.PermanentException;
import io.carapulse.api.error.RetriableException;
import io.carapulse.approvals.http.ErrorText;
import io.carapulse.approvals.http.JsonHttp;
import java.util.Collection;
import java.util.Optional;

/**
 * The one place where a Linear answer becomes an exception (STYLE 6). Linear's GraphQL API reports
 * many failures as HTTP 200 or 400 with an {@code errors} array whose {@code extensions.code} says
 * what happened; rate limits are {@code RATELIMITED} (HTTP 400 or 429).
 */
final class LinearErrors {

    private LinearErrors() {
    }

    /** The exception for {@code answer}, or empty when it carries data and no errors. */
    static Optional<CarapulseException> of(JsonHttp.Answer answer, Collection<String> secrets) {
        JsonNode errors = answer.json().path("errors");
        boolean hasErrors = errors.isArray() && !errors.isEmpty();
        if (answer.ok() && !hasErrors) {
            return Optional.empty();
        }
        String code = hasErrors ? errors.get(0).path("extensions").path("code").asText("") : "";
        String message = hasErrors ? errors.get(0).path("message").asText("") : answer.text();
        String detail = "Linear answered " + answer.status() + (code.isEmpty() ? "" : " " + code)
                + quoted(ErrorText.quote(message, secrets));
        int s = answer.status();
        if (s == 429 || "RATELIMITED".equals(code)) {
            return Optional.of(new RetriableException("channel_rate_limited", detail));
        }
        if (s >= 500) {
            return Optional.of(new RetriableException("channel_unavailable", detail));
        }
        if (s == 401 || s == 403 || "AUTHENTICATION_ERROR".equals(code) || "FORBIDDEN".equals(code)) {
            return Optional.of(new PermanentException("channel_unauthorized", detail));
        }
        return Optional.of(new PermanentException("channel_refused", detail));
    }

    private static String quoted(String text) {
        return text.isEmpty() ? "" : ": " + text;
    }
}
