package io.carapulse.api.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One model turn.
 *
 * @param instructions    the system prompt (Responses {@code instructions}, a Chat Completions system message)
 * @param messages        the conversation so far, oldest first
 * @param functions       the functions the model may call this turn
 * @param maxOutputTokens an upper bound on the reply, or {@code null} for the provider's default
 *                        (the Codex backend rejects the field; that provider leaves it out)
 * @param timeout         wall-clock bound for the whole call including retries
 * @param conversationId  a stable id of the chat session, for providers that take one (the Codex
 *                        backend's {@code session_id} header); never a secret
 */
public record LlmRequest(
        String conversationId,
        String instructions,
        List<LlmMessage> messages,
        List<LlmFunction> functions,
        Integer maxOutputTokens,
        Duration timeout) {

    public LlmRequest {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(instructions, "instructions");
        messages = List.copyOf(messages);
        functions = functions == null ? List.of() : List.copyOf(functions);
        Objects.requireNonNull(timeout, "timeout");
    }
}
