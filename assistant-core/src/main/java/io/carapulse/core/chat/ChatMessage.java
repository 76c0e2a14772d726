package io.carapulse.core.chat;

import java.time.Instant;

/**
 * A stored chat message.
 *
 * @param role {@code user}, {@code assistant}, {@code tool} or {@code notice}
 */
record ChatMessage(int seq, String role, String content, String toolCallsJson, String toolCallId, String summary,
                   String detailsJson, Long inputTokens, Long outputTokens, Instant createdAt) {

    static final String USER = "user";
    static final String ASSISTANT = "assistant";
    static final String TOOL = "tool";
    static final String NOTICE = "notice";
}
