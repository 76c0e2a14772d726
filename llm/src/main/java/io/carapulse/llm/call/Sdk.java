package io.carapulse.llm.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.JsonValue;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.errors.OpenAIServiceException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What both providers need around the OpenAI Java SDK: per-attempt options, error details, JSON. */
public final class Sdk {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 500;

    private Sdk() {
    }

    /** Every SDK timeout set to the time left, so one attempt cannot outlast the call's deadline. */
    public static RequestOptions attemptOptions(Duration timeLeft) {
        Duration t = timeLeft.isZero() ? Duration.ofMillis(1) : timeLeft;
        return RequestOptions.builder()
                .timeout(Timeout.builder().connect(t).read(t).write(t).request(t).build())
                .build();
    }

    /** A JSON Schema (or any JSON object) as the SDK's map of additional properties. */
    public static Map<String, JsonValue> properties(ObjectNode node) {
        Map<String, JsonValue> out = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), JsonValue.fromJsonNode(e.getValue())));
        return out;
    }

    /** Whether the failure, or one of its causes, is a timeout (OkHttp's call timeout, a socket read timeout). */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * How long the server asked us to wait: {@code Retry-After-Ms}, else {@code Retry-After} in
     * seconds or as an HTTP date; {@code null} when it said nothing usable.
     */
    public static Duration retryAfter(Headers headers, Clock clock) {
        List<String> ms = headers.values("Retry-After-Ms");
        if (!ms.isEmpty()) {
            try {
                return nonNegative(Duration.ofMillis((long) Double.parseDouble(ms.get(0).trim())));
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        List<String> after = headers.values("Retry-After");
        if (after.isEmpty()) {
            return null;
        }
        String value = after.get(0).trim();
        try {
            return nonNegative(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return nonNegative(Duration.between(clock.instant(), at.toInstant()));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * The provider's own explanation from an error body ({@code error.message}, {@code message} or
     * {@code detail}; the SDK hands over the body's {@code error} object when it has one), with
     * every secret replaced by {@code ****} and cut to a readable length.
     */
    public static String providerMessage(OpenAIServiceException e, Collection<String> secrets) {
        String message = "";
        try {
            JsonNode body = JSON.valueToTree(e.body());
            JsonNode error = body.path("error");
            message = firstText(error.path("message"), error, body.path("message"), body.path("detail"));
        } catch (IllegalArgumentException unreadable) {
            // an error body that is not JSON: say nothing rather than something odd
        }
        return scrub(message, secrets);
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode c : candidates) {
            if (c.isTextual() && !c.asText().isBlank()) {
                return c.asText();
            }
        }
        return "";
    }

    /** Replaces every secret in {@code text} by {@code ****} and cuts it to a readable length. */
    public static String scrub(String text, Collection<String> secrets) {
        String out = text == null ? "" : text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, "****");
            }
        }
        return out.length() > MAX_MESSAGE ? out.substring(0, MAX_MESSAGE) + "…" : out;
    }

    /** A base URL fit to show: without any user-info part. */
    public static String displayUrl(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl);
            if (uri.getUserInfo() == null) {
                return baseUrl;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return "(an unparsable URL)";
        }
    }
}
