package io.carapulse.api.llm;

/** Tokens spent by one or more model calls. */
public record LlmUsage(long inputTokens, long outputTokens) {

    public static final LlmUsage NONE = new LlmUsage(0, 0);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public LlmUsage plus(LlmUsage other) {
        return new LlmUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
