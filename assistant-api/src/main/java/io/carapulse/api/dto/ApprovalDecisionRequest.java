package io.carapulse.api.dto;

/**
 * Body of {@code POST /v1/plans/{id}/approval}.
 *
 * @param decision    {@code approve} or {@code reject}
 * @param note        free text kept with the decision
 * @param reason      the written reason break-glass plans require
 * @param fingerprint optional: the fingerprint the approver reviewed; refused if the plan changed since
 */
public record ApprovalDecisionRequest(String decision, String note, String reason, String fingerprint) {
}
