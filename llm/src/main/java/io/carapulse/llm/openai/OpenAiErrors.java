package io.carapulse.llm.openai;

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

/**
 * The one place the {@code openai} provider turns what the SDK threw into an {@link LlmException}:
 *
 * <table>
 *   <tr><th>failure</th><th>error</th></tr>
 *   <tr><td>timeout, connection failure</td><td>{@code Unavailable} (retried)</td></tr>
 *   <tr><td>408, 409, 429, 5xx</td><td>{@code Unavailable} (retried, honouring {@code Retry-After})</td></tr>
 *   <tr><td>401, 403</td><td>{@code AuthExpired}: the API key was refused; check it</td></tr>
 *   <tr><td>other 4xx (400, 404, 413, 422 …)</td><td>{@code RequestRejected} with the server's message</td></tr>
 *   <tr><td>an error frame inside a stream</td><td>{@code RequestRejected} for {@code invalid_request_error},
 *       else {@code Unavailable}</td></tr>
 *   <tr><td>an unreadable reply</td><td>{@code Unavailable}</td></tr>
 * </table>
 *
 * <p>A refused key is {@code AuthExpired} ({@code llm_auth_expired}), not {@code NotConfigured}:
 * something <em>is</em> configured, and only the server can say it is no good. Clients treat
 * {@code llm_auth_expired} as "fix the credential", which is what the person must do; the message
 * names {@code OPENAI_API_KEY}. Messages never contain the key: the server's own text is left out
 * of 401s (OpenAI echoes part of the key there) and scrubbed of the key everywhere else.
 */
final class OpenAiErrors {

    private final String baseUrl;
    private final String keySource;
    private final List<String> secrets;
    private final Clock clock;

    /**
     * @param baseUrl   shown in messages (without user-info)
     * @param keySource where the key came from, e.g. {@code env:OPENAI_API_KEY}
     * @param key       the key of this call, only to scrub it from the server's messages
     */
    OpenAiErrors(String baseUrl, String keySource, String key, Clock clock) {
        this.baseUrl = Sdk.displayUrl(baseUrl);
        this.keySource = keySource;
        this.secrets = key == null ? List.of() : List.of(key);
        this.clock = clock;
    }

    Failure classify(Exception failure) {
        if (failure instanceof CarapulseException known) {
            return Failure.of(known);
        }
        if (failure instanceof SseException sse) {
            return Failure.of(streamError(sse));
        }
        if (failure instanceof OpenAIServiceException service) {
            return status(service);
        }
        if (failure instanceof OpenAIIoException || failure instanceof IOException
                || failure instanceof OpenAIRetryableException) {
            return Failure.of(io(failure));
        }
        if (failure instanceof OpenAIInvalidDataException) {
            return Failure.of(new LlmException.Unavailable("the model server at " + baseUrl
                    + " sent a reply that could not be read", failure));
        }
        if (failure instanceof RuntimeException unexpected) {
            throw unexpected;
        }
        return Failure.of(new LlmException.Unavailable("the call to the model server at " + baseUrl + " failed: "
                + failure.getClass().getSimpleName(), failure));
    }

    private Failure status(OpenAIServiceException e) {
        int status = e.statusCode();
        String said = Sdk.providerMessage(e, secrets);
        if (status == 401 || status == 403) {
            String why = status == 403 && !said.isEmpty() ? ": " + said : "";
            return Failure.of(new LlmException.AuthExpired("The model server at " + baseUrl
                    + " refused the API key (HTTP " + status + why + "). Check " + ApiKey.ENV
                    + " (the key in use comes from " + keySource + ")."));
        }
        if (status == 408 || status == 409 || status == 429 || status >= 500) {
            Duration retryAfter = Sdk.retryAfter(e.headers(), clock);
            String what = status == 429 ? "is rate limiting us" : "answered HTTP " + status;
            return Failure.after(new LlmException.Unavailable("The model server at " + baseUrl + " " + what
                    + (said.isEmpty() ? "" : ": " + said), null), retryAfter);
        }
        // a 404 is most often a base URL without its /v1 or a model the server does not have
        String hint = status == 404 ? " Check carapulse.llm.base-url (it ends in /v1 for most servers) and "
                + "carapulse.llm.model." : "";
        String reason = said.isEmpty() ? "." : ": " + said + (said.endsWith(".") ? "" : ".");
        return Failure.of(new LlmException.RequestRejected("The model server at " + baseUrl
                + " refused the request (HTTP " + status + ")" + reason + hint));
    }

    private CarapulseException streamError(SseException e) {
        String said = Sdk.providerMessage(e, secrets);
        String type = e.type().orElse("");
        String text = "The model server at " + baseUrl + " broke off the reply"
                + (said.isEmpty() ? "" : ": " + said);
        if ("invalid_request_error".equals(type)) {
            return new LlmException.RequestRejected(text);
        }
        return new LlmException.Unavailable(text, null);
    }

    private CarapulseException io(Exception e) {
        if (Sdk.isTimeout(e)) {
            return new LlmException.Unavailable("The model server at " + baseUrl
                    + " did not answer within the time left", null);
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String detail = cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        return new LlmException.Unavailable("Cannot reach the model server at " + baseUrl + ": "
                + cause.getClass().getSimpleName() + detail, null);
    }
}
