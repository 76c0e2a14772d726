package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A chat session. {@code messages} is filled by {@code GET /v1/sessions/{id}} and left out of lists.
 *
 * @param busy           whether a turn is running now
 * @param messagesPruned when retention removed the messages before that date (the session was idle
 *                       longer than {@code carapulse.retention.chat}); left out when it never did
 */
public record SessionView(
        String id,
        String environment,
        String owner,
        String title,
        UsageView usage,
        boolean busy,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ChatMessageView> messages,
        @JsonInclude(JsonInclude.Include.NON_NULL) PrunedView messagesPruned) {
}
