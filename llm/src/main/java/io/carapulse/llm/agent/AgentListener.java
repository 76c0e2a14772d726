package io.carapulse.llm.agent;

import io.carapulse.api.llm.LlmMessage;

/**
 * Watches a turn as it happens. Callbacks come from the thread running the turn, in order.
 * {@link #onMessage} is the point to persist: every message the conversation gains arrives there
 * before the next model call, so a turn that fails half-way loses nothing it had done.
 */
public interface AgentListener {

    AgentListener NONE = new AgentListener() {
    };

    /** A piece of the model's reply text. */
    default void onText(String delta) {
    }

    /** The model called a function; {@code arguments} is what it sent, verbatim. */
    default void onToolCall(String callId, String function, String arguments) {
    }

    /** A function call ended. */
    default void onToolResult(String callId, String function, FunctionResult result) {
    }

    /** A model call answered; its usage is counted even if the turn later fails. */
    default void onModelReply(io.carapulse.api.llm.LlmReply reply) {
    }

    /** The conversation gained a message (the user's, a model reply, or a tool output). */
    default void onMessage(LlmMessage message) {
    }
}
