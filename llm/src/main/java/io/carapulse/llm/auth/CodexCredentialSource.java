package io.carapulse.llm.auth;

/**
 * Where the {@code openai-codex} provider gets its ChatGPT access token: an auth profile in the
 * token sink, or {@code OPENAI_ACCESS_TOKEN}. Implementations are safe to call from many threads.
 */
public interface CodexCredentialSource {

    /**
     * The credential to use for the next request. A profile whose access token has expired (JWT
     * {@code exp} passed, or {@code last_refresh} older than 8 days) is refreshed first, under the
     * store's cross-process lock.
     *
     * @throws io.carapulse.api.llm.LlmException.NotConfigured when there is no profile and no token
     * @throws io.carapulse.api.llm.LlmException.AuthExpired   when a refresh failed permanently
     */
    CodexCredential current();

    /**
     * Called after the backend answered 401 to {@code rejected}. Re-reads the store (another process
     * may have refreshed already) and returns that newer credential if there is one; otherwise
     * refreshes once and returns the result. The caller retries its request once with it.
     *
     * @throws io.carapulse.api.llm.LlmException.AuthExpired when there is nothing left to try (an
     *                                                       {@code OPENAI_ACCESS_TOKEN}, a permanent
     *                                                       refresh failure); the message names
     *                                                       {@code assistantctl llm auth login}
     */
    CodexCredential afterUnauthorized(CodexCredential rejected);
}
