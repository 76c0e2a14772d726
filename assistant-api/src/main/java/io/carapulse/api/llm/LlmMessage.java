package io.carapulse.api.llm;

import java.util.List;
import java.util.Objects;

/** One entry of a conversation as the provider sees it. */
public sealed interface LlmMessage {

    /** What the person typed. */
    record User(String text) implements LlmMessage {
        public User {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A previous model reply: its text (may be empty) and the tool calls it made. */
    record Assistant(String text, List<LlmToolCall> toolCalls) implements LlmMessage {
        public Assistant {
            text = text == null ? "" : text;
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }
    }

    /**
     * The result of one tool call, sent back under the call's id. The content is already redacted
     * and capped, and framed as data by the agent.
     */
    record ToolOutput(String callId, String output) implements LlmMessage {
        public ToolOutput {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(output, "output");
        }
    }
}
