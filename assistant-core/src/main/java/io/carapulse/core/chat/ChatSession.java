package io.carapulse.core.chat;

import java.time.Instant;

/** A stored chat session. */
public record ChatSession(String id, String environment, String owner, String ownerName, String title, long inputTokens,
                   long outputTokens, String turnId, Instant turnStartedAt, Instant createdAt, Instant updatedAt,
                   Instant messagesPrunedAt) {
}
