package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A standing approval.
 *
 * @param status    {@code active}, {@code expired}, {@code revoked} or {@code voided} (the runbook got a new version)
 * @param endReason why it ended early, when it did
 */
public record StandingApprovalView(
        String id,
        String runbook,
        int version,
        String environment,
        ObjectNode bounds,
        @JsonInclude(JsonInclude.Include.NON_NULL) String note,
        String grantedBy,
        Instant grantedAt,
        Instant expiresAt,
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant endedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String endedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String endReason) {
}
