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
        @JsonInclude(JsonInclude.Include.NON_NULL) List<StepRunView> steps) {
}
