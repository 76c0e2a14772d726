package io.carapulse.api.dto;

import java.time.Instant;
import java.util.List;

/**
 * An approval request, bound to the plan fingerprint it was raised for (S2).
 *
 * @param status     {@code PENDING}, {@code APPROVED}, {@code REJECTED}, {@code EXPIRED}, {@code VOIDED},
 *                   {@code CONSUMED}
 * @param decidedVia the channel the decision came through: {@code local} (the API) or {@code linear}
 * @param channels   where the request was sent (Linear issue, PagerDuty incident) and how that went
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
        String consumedByExecution,
        String decidedVia,
        List<ApprovalChannelView> channels) {

    public ApprovalView {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** An approval without channel information. */
    public ApprovalView(String id, String planId, String environment, String fingerprint, List<String> providers,
                        String status, String requestedBy, Instant requestedAt, Instant expiresAt, String decidedBy,
                        Instant decidedAt, String note, String breakGlassReason, String consumedByExecution) {
        this(id, planId, environment, fingerprint, providers, status, requestedBy, requestedAt, expiresAt, decidedBy,
                decidedAt, note, breakGlassReason, consumedByExecution, null, List.of());
    }
}
