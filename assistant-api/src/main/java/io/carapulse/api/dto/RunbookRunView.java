package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code POST /v1/runbooks/{name}/runs} answers.
 *
 * @param plan        the plan the run created, with its {@link PlanOrigin origin}
 * @param executionId the execution, when the plan only reads and was started at once
 * @param note        why a read-only plan was not started (the caller may not execute here), else absent
 */
public record RunbookRunView(
        PlanView plan,
        @JsonInclude(JsonInclude.Include.NON_NULL) String executionId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
}
