package io.carapulse.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One audit record (S7). {@code hash} chains it to the one before. */
public record AuditEventView(
        long seq,
        Instant at,
        String actor,
        String action,
        String subjectType,
        String subjectId,
        String decision,
        String reason,
        JsonNode details,
        String prevHash,
        String hash) {
}
