package io.carapulse.api.dto;

import java.time.Instant;
import java.util.List;

/**
 * An approval request, bound to the plan fingerprint it was raised for (S2).
 *
 * @param status {@code PENDING}, {@code APPROVED}, {@code REJECTED}, {@code EXPIRED}, {@code VOIDED},
 *               {@code CONSUMED}
 */
public record ApprovalView(
        String id,
        String planId,
        String environment,
        String fingerprint,
        List<String> providers,
        String status,
        String requestedBy,
        Instant requestedAt,
        Instant expiresAt,
        String decidedBy,
        Instant decidedAt,
        String note,
        String breakGlassReason,
        String consumedByExecution) {
}
