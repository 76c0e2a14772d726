package io.carapulse.api.llm;

import java.time.Instant;

/**
 * What a provider runs with, safe to show: never a token or key.
 *
 * @param provider   {@code openai}, {@code openai-codex}, or {@code none}
 * @param configured whether chat can work at all
 * @param model      the model, or {@code null}
 * @param baseUrl    the endpoint requests go to
 * @param credential where the credential comes from: {@code env:OPENAI_API_KEY}, {@code profile:openai-codex:me}, …
 * @param expiresAt  when the current access token expires (OAuth only), or {@code null}
 * @param detail     one line for people: what is missing and the command that fixes it
 */
public record LlmStatus(
        String provider,
        boolean configured,
        String model,
        String baseUrl,
        String credential,
        Instant expiresAt,
        String detail) {

    public static LlmStatus notConfigured(String detail) {
        return new LlmStatus("none", false, null, null, null, null, detail);
    }
}
