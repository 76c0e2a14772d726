package io.carapulse.api.llm;

/**
 * A language model the agent talks to. Implementations: {@code openai} (API key, any
 * OpenAI-compatible base URL) and {@code openai-codex} (a ChatGPT OAuth token from an auth profile).
 *
 * <p>A provider is stateless between calls: the caller sends the whole conversation every turn. It
 * retries retriable failures itself (429, 5xx, connection errors, honouring {@code Retry-After}) and
 * refreshes an expired OAuth token once on a 401; what reaches the caller is a
 * {@link LlmException} with a stable code.
 */
public interface LlmProvider {

    /** {@code openai} or {@code openai-codex}. */
    String name();

    /** The model a request goes to. */
    String model();

    /**
     * One model turn: sends the conversation, streams text to the listener as it arrives and returns
     * the complete reply (text, tool calls and token usage).
     *
     * @throws LlmException with code {@code llm_unavailable} (retriable: timeout, 429/5xx after
     *                      retries), {@code llm_auth_expired} (log in again), or
     *                      {@code llm_request_rejected} (the provider refused the request as such)
     */
    LlmReply complete(LlmRequest request, LlmListener listener);

    /** What the provider is configured with, for {@code doctor} and {@code GET /v1/llm}; never a secret. */
    LlmStatus status();
}
