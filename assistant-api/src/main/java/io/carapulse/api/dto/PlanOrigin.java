package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a plan came from when a runbook made it: which runbook, which version of it, the parameters
 * it was run with (defaults filled in) and what triggered the run.
 *
 * @param runbook    the runbook's name, e.g. {@code scale-service}
 * @param version    the runbook version the plan is an instance of
 * @param params     the parameters after defaults were applied
 * @param trigger    {@code api} (a person or client through the API) or {@code schedule}
 * @param scheduleId the schedule that fired, when {@code trigger} is {@code schedule}
 */
public record PlanOrigin(
        String runbook,
        int version,
        ObjectNode params,
        String trigger,
        @JsonInclude(JsonInclude.Include.NON_NULL) String scheduleId) {
}
