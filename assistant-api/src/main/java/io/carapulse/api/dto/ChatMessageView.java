package io.carapulse.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a session's conversation.
 *
 * @param seq        position in the session, from 1
 * @param role       {@code user}, {@code assistant}, {@code tool} (a function's output as the model
 *                   saw it), or {@code notice} (a bound ended the turn, or the model could not be
 *                   reached; never sent to the model)
 * @param text       the text; for {@code tool}, the framed output the model received
 * @param toolCalls  for {@code assistant}: the functions it called
 * @param toolCallId for {@code tool}: the call it answers
 * @param summary    for {@code tool}: one line for people
 * @param details    for {@code tool}: plan, execution and evidence ids
 */
public record ChatMessageView(
        int seq,
        String role,
        String text,
        List<ToolCallView> toolCalls,
        String toolCallId,
        String summary,
        JsonNode details,
        Instant createdAt) {

    /** A function call the model made, with its arguments as written. */
    public record ToolCallView(String id, String function, String arguments) {
    }
}
