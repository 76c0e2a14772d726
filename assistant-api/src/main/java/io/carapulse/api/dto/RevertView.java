package io.carapulse.api.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A time-boxed change's revert: the inverse of a step whose {@code revertAfter} was approved with it,
 * due at {@code dueAt}.
 *
 * @param id                 {@code rvt_…}
 * @param status             {@code SCHEDULED}, {@code STARTED} (its execution runs or ran) or {@code CANCELLED}
 * @param environment        where the change was made
 * @param planId             the plan whose step made the change
 * @param executionId        the execution that made it
 * @param position           the step's position in that plan
 * @param tool               the inverse's tool
 * @param action             the inverse's action
 * @param args               the inverse's arguments, captured before the change ran
 * @param approvalId         the approval the change (and so its revert) was approved under
 * @param requester          who requested the change
 * @param dueAt              when the inverse runs (or ran, or would have)
 * @param createdAt          when the change's execution succeeded
 * @param updatedAt          the last change to this revert
 * @param updatedBy          who made it ({@code system} when it was scheduled or started)
 * @param note               the reason given for the last extension or the cancellation
 * @param revertPlanId       the system plan that runs the inverse, once started
 * @param revertExecutionId  its execution
 * @param revertStatus       that execution's status
 */
public record RevertView(
        String id,
        String status,
        String environment,
        String planId,
        String executionId,
        int position,
        String tool,
        String action,
        ObjectNode args,
        String approvalId,
        String requester,
        Instant dueAt,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy,
        String note,
        String revertPlanId,
        String revertExecutionId,
        String revertStatus) {
}
