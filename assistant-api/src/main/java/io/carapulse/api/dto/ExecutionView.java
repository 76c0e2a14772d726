package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An execution of a plan with its step runs.
 *
 * @param status {@code QUEUED}, {@code RUNNING}, {@code ROLLING_BACK}, {@code HELD} (a write's outcome is
 *               unknown and a person must resolve it), {@code SUCCEEDED}, {@code FAILED},
 *               {@code ROLLED_BACK}, {@code CANCELLED}
 * @param approvedVia        how the approval it used was given: {@code local}, {@code linear},
 *                           {@code pagerduty} or {@code standing} (absent for a plan that only reads, and in lists)
 * @param standingApprovalId the standing approval that authorised it, when {@code approvedVia} is {@code standing}
 */
public record ExecutionView(
        String id,
        String planId,
        String environment,
        String status,
        String requestedBy,
        String approvalId,
        boolean cancelRequested,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        ErrorInfo error,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<StepRunView> steps,
        @JsonInclude(JsonInclude.Include.NON_NULL) String approvedVia,
        @JsonInclude(JsonInclude.Include.NON_NULL) String standingApprovalId) {

    /** An execution without how it was approved (lists). */
    public ExecutionView(String id, String planId, String environment, String status, String requestedBy,
                         String approvalId, boolean cancelRequested, Instant createdAt, Instant startedAt,
                         Instant endedAt, ErrorInfo error, List<StepRunView> steps) {
        this(id, planId, environment, status, requestedBy, approvalId, cancelRequested, createdAt, startedAt, endedAt,
                error, steps, null, null);
    }
}
