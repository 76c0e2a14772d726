package io.carapulse.llm.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A ChatGPT access token and the account it belongs to.
 *
 * @param accessToken the bearer token (a JWT); never logged, {@link #toString()} leaves it out
 * @param accountId   sent as {@code ChatGPT-Account-ID}
 * @param source      where it came from, safe to show: {@code profile:openai-codex:<account>} or
 *                    {@code env:OPENAI_ACCESS_TOKEN}
 * @param expiresAt   the JWT's {@code exp}, or {@code null} when the token carries none
 */
public record CodexCredential(String accessToken, String accountId, String source, Instant expiresAt) {

    public CodexCredential {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return "CodexCredential[source=" + source + ", accountId=" + accountId + ", expiresAt=" + expiresAt + "]";
    }
}
