package io.carapulse.llm.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.llm.LlmException;
import io.carapulse.llm.call.Failure;
import io.carapulse.llm.call.Sdk;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The one place the {@code openai-codex} provider turns failures into {@link LlmException}s:
 *
 * <table>
 *   <tr><th>failure</th><th>error</th></tr>
 *   <tr><td>timeout, connection failure, 408/409/5xx</td><td>{@code Unavailable} (retried)</td></tr>
 *   <tr><td>429</td><td>{@code Unavailable}, retried after {@code Retry-After} or the body's
 *       {@code resets_in_seconds} when that fits in the time left</td></tr>
 *   <tr><td>401 (after the one refresh)</td><td>{@code AuthExpired}: log in again</td></tr>
 *   <tr><td>403</td><td>{@code AuthExpired}: the account has no Codex access</td></tr>
 *   <tr><td>other 4xx</td><td>{@code RequestRejected} with the backend's message</td></tr>
 *   <tr><td>{@code response.failed}, {@code error} event</td><td>by code: {@link #REJECTED} codes
 *       {@code RequestRejected}, {@link #LIMITS} codes {@code Unavailable} without retry, others
 *       {@code Unavailable} (retried)</td></tr>
 * </table>
 * Messages never contain the access token.
 */
final class CodexErrors {

    static final String LOGIN = "assistantctl llm auth login";

    /** Codes that say the request itself is at fault: sending it again cannot help. */
    static final Set<String> REJECTED = Set.of("context_length_exceeded", "invalid_prompt", "invalid_request_error",
            "invalid_image", "unsupported_model", "model_not_found");

    /** Codes of account limits: come back later, not in a few seconds. */
    static final Set<String> LIMITS = Set.of("usage_limit_reached", "insufficient_quota", "usage_not_included");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final List<String> secrets;
    private final Clock clock;

    /** @param accessTokens every token the call used, only to scrub them from the backend's messages */
    CodexErrors(String baseUrl, List<String> accessTokens, Clock clock) {
        this.baseUrl = Sdk.displayUrl(baseUrl);
        this.secrets = List.copyOf(accessTokens);
        this.clock = clock;
    }

    Failure classify(Exception failure) {
        if (failure instanceof CodexStream.StreamFailed failed) {
            return failed.failure();
        }
        if (failure instanceof CarapulseException known) {
            return Failure.of(known);
        }
        if (failure instanceof SseException sse) {
            return streamFailure(sse.code().orElse(sse.type().orElse("")), Sdk.providerMessage(sse, secrets));
        }
        if (failure instanceof OpenAIServiceException service) {
            return status(service);
        }
        if (failure instanceof OpenAIIoException || failure instanceof IOException
                || failure instanceof OpenAIRetryableException) {
            return Failure.of(new LlmException.Unavailable(Sdk.isTimeout(failure)
                    ? "The Codex backend at " + baseUrl + " did not answer within the time left"
                    : "Cannot reach the Codex backend at " + baseUrl + ": " + rootCause(failure), null));
        }
        if (failure instanceof OpenAIInvalidDataException) {
            return Failure.of(new LlmException.Unavailable("The Codex backend sent an event that could not be read "
                    + "(the backend is undocumented and may have changed)", failure));
        }
        if (failure instanceof RuntimeException unexpected) {
            throw unexpected;
        }
        return Failure.of(new LlmException.Unavailable("The call to the Codex backend failed: "
                + failure.getClass().getSimpleName(), failure));
    }

    /**
     * A {@code response.failed} or {@code error} event: what failed, by its code.
     *
     * @param code    the error code, e.g. {@code server_error}; may be empty
     * @param message the backend's explanation
     */
    Failure streamFailure(String code, String message) {
        String said = Sdk.scrub(message, secrets);
        String text = "The Codex backend failed the response" + (code.isEmpty() ? "" : " (" + code + ")")
                + (said.isEmpty() ? "" : ": " + said);
        if (REJECTED.contains(code)) {
            return Failure.of(new LlmException.RequestRejected(text));
        }
        if (LIMITS.contains(code)) {
            return Failure.noRetry(new LlmException.Unavailable(text, null));
        }
        return Failure.of(new LlmException.Unavailable(text, null));
    }

    private Failure status(OpenAIServiceException e) {
        int status = e.statusCode();
        String said = Sdk.providerMessage(e, secrets);
        String suffix = said.isEmpty() ? "" : ": " + said;
        if (status == 401) {
            return Failure.of(new LlmException.AuthExpired("The Codex backend refused the ChatGPT access token "
                    + "even after a refresh (HTTP 401). Log in again: " + LOGIN));
        }
        if (status == 403) {
            return Failure.of(new LlmException.AuthExpired("The Codex backend refused access for this ChatGPT "
                    + "account (HTTP 403" + suffix + "). Log in with an account whose plan includes Codex: " + LOGIN));
        }
        if (status == 429) {
            Duration wait = Sdk.retryAfter(e.headers(), clock);
            return Failure.after(new LlmException.Unavailable("The Codex backend is rate limiting this account"
                    + suffix, null), wait != null ? wait : resetsIn(e));
        }
        if (status == 408 || status == 409 || status >= 500) {
            return Failure.after(new LlmException.Unavailable("The Codex backend answered HTTP " + status + suffix,
                    null), Sdk.retryAfter(e.headers(), clock));
        }
        return Failure.of(new LlmException.RequestRejected("The Codex backend refused the request (HTTP " + status
                + ")" + suffix));
    }

    /** A usage limit says when it resets in its body rather than in {@code Retry-After}. */
    private static Duration resetsIn(OpenAIServiceException e) {
        try {
            // the SDK hands over the body's "error" object when there is one, else the whole body
            JsonNode body = JSON.valueToTree(e.body());
            JsonNode seconds = body.has("error") ? body.path("error").path("resets_in_seconds")
                    : body.path("resets_in_seconds");
            return seconds.canConvertToLong() ? Duration.ofSeconds(seconds.asLong()) : null;
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
    }
}
