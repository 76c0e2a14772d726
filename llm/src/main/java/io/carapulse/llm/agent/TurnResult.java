package io.carapulse.llm.agent;

import io.carapulse.api.llm.LlmMessage;
import io.carapulse.api.llm.LlmUsage;
import java.util.List;

/**
 * How a turn ended.
 *
 * @param messages  every message the turn added, in order (also given to {@link AgentListener#onMessage})
 * @param text      the model's final text (empty when a bound ended the turn before it answered)
 * @param usage     tokens spent across the turn's model calls
 * @param ending    why it ended
 * @param notice    for a bound: one line saying which and what to do; otherwise {@code null}
 * @param toolCalls how many function calls the model made
 */
public record TurnResult(List<LlmMessage> messages, String text, LlmUsage usage, Ending ending, String notice,
                         int toolCalls) {

    public TurnResult {
        messages = List.copyOf(messages);
    }

    /** Why a turn ended. */
    public enum Ending {
        /** The model answered without asking for more calls. */
        COMPLETED,
        /** The turn's tool-call limit was reached. */
        TOOL_CALL_LIMIT,
        /** The turn's token budget was spent. */
        TOKEN_LIMIT,
        /** The turn ran out of time. */
        TIME_LIMIT
    }
}
