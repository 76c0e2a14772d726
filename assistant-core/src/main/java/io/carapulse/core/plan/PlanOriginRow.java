package io.carapulse.core.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * The {@code plan_origin} row of a plan a runbook made: the runbook version, the parameters (JSON,
 * defaults filled in), the trigger ({@code api} or {@code schedule}) and the schedule that fired.
 */
@MappedEntity("plan_origin")
public record PlanOriginRow(
        @Id String planId,
        String runbook,
        int runbookVersion,
        String paramsJson,
        String triggerKind,
        @Nullable String scheduleId) {
}
