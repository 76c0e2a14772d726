package io.carapulse.api.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Body of {@code POST /v1/standing-approvals}.
 *
 * @param runbook     the runbook
 * @param version     the runbook version it authorises (a later version is not authorised)
 * @param environment where
 * @param bounds      per parameter: {@code {"minimum": 2, "maximum": 6}} for numbers or {@code {"enum": [...]}};
 *                    a parameter left out may take any value the runbook allows
 * @param duration    how long it lasts, e.g. {@code 8h} or {@code 7d}; at most the environment's
 *                    {@code standing-approval-max}
 * @param note        why, for the audit
 */
public record StandingApprovalRequest(
        String runbook,
        Integer version,
        String environment,
        ObjectNode bounds,
        String duration,
        String note) {
}
