package io.carapulse.api.llm;

import java.util.List;

/**
 * A complete model turn.
 *
 * @param text      the reply's text (may be empty when the model only calls tools)
 * @param toolCalls the function calls, in the order the model made them
 * @param usage     tokens spent by this call
 * @param model     the model that answered, as the provider reported it
 */
public record LlmReply(String text, List<LlmToolCall> toolCalls, LlmUsage usage, String model) {

    public LlmReply {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        usage = usage == null ? LlmUsage.NONE : usage;
    }
}
