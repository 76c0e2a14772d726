package io.carapulse.api.dto;

/** Tokens a session or turn spent with the language model. */
public record UsageView(long inputTokens, long outputTokens) {
}
