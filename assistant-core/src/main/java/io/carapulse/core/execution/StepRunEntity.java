package io.carapulse.core.execution;

import io.carapulse.api.tool.ActionClass;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * The {@code step_run} row. {@code inverseJson} is the call that undoes this run, captured and
 * stored before the run acted, so a rollback never depends on memory.
 */
@MappedEntity("step_run")
public record StepRunEntity(
        @Id String id,
        String executionId,
        int seq,
        int position,
        StepKind kind,
        String tool,
        String action,
        ActionClass actionClass,
        String argsJson,
        StepRunStatus status,
        int attempt,
        @Nullable String inverseJson,
        @Nullable String rollbackOf,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable String errorCode,
        @Nullable String errorDetail) {

    public StepRunEntity running(Instant at, String inverse) {
        check(StepRunStatus.RUNNING);
        return new StepRunEntity(id, executionId, seq, position, kind, tool, action, actionClass, argsJson,
                StepRunStatus.RUNNING, attempt + 1, inverse, rollbackOf, at, null, null, null);
    }

    public StepRunEntity finished(StepRunStatus to, Instant at, String code, String detail) {
        check(to);
        return new StepRunEntity(id, executionId, seq, position, kind, tool, action, actionClass, argsJson, to,
                attempt, inverseJson, rollbackOf, startedAt, at, code, detail);
    }

    private void check(StepRunStatus to) {
        if (!status.canMoveTo(to)) {
            throw new IllegalStateException("step run " + id + " is " + status + " and cannot become " + to);
        }
    }
}
