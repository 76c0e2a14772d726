package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A plan as the API shows it.
 *
 * @param status           {@code READY}, {@code AWAITING_APPROVAL}, {@code APPROVED}, {@code EXECUTING},
 *                         {@code SUCCEEDED}, {@code FAILED}, {@code ROLLED_BACK}, {@code CANCELLED},
 *                         {@code REJECTED}, {@code EXPIRED}
 * @param fingerprint      sha256 of the canonical JSON of environment and steps (S2)
 * @param requiresApproval whether any step writes
 * @param breakGlass       whether any step is BREAK_GLASS
 * @param approval         the current approval request, if any
 * @param executionId      the plan's execution, once started
 * @param origin           the runbook run that made the plan, if a runbook did
 *
 * <p>Lists leave out {@code steps}, {@code approval} and {@code executionId} (a list item never carries a
 * value that is not the plan's); {@code GET /v1/plans/{id}} has them, {@code approval} and
 * {@code executionId} only when the plan has one.
 */
public record PlanView(
        String id,
        String environment,
        String summary,
        String requester,
        String status,
        String fingerprint,
        boolean requiresApproval,
        boolean breakGlass,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<StepView> steps,
        @JsonInclude(JsonInclude.Include.NON_NULL) ApprovalView approval,
        @JsonInclude(JsonInclude.Include.NON_NULL) String executionId,
        @JsonInclude(JsonInclude.Include.NON_NULL) PlanOrigin origin) {
}
