package io.carapulse.api.dto;

import java.util.List;

/**
 * The result of one turn ({@code POST /v1/sessions/{id}/messages}, or the {@code turn.finished}
 * event of its stream).
 *
 * @param ending    {@code completed}, {@code tool_call_limit}, {@code token_limit} or {@code time_limit}
 * @param text      the model's answer
 * @param notice    when a bound ended the turn: which, and what to do
 * @param plans     plans the model proposed in this turn (ids), each awaiting approval if it writes
 * @param toolCalls how many functions the model called
 * @param usage     tokens the turn spent
 * @param messages  the messages the turn added
 * @param summary   what the turn did according to the runtime: what ran, what was refused, which
 *                  plans wait, whether anything changed
 */
public record TurnView(
        String sessionId,
        String ending,
        String text,
        String notice,
        List<String> plans,
        int toolCalls,
        UsageView usage,
        List<ChatMessageView> messages,
        TurnSummaryView summary) {
}
