package io.carapulse.core.execution;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/** The {@code execution} row. */
@MappedEntity("execution")
public record ExecutionEntity(
        @Id String id,
        String planId,
        String environment,
        @Nullable String approvalId,
        ExecutionStatus status,
        String requestedBy,
        boolean cancelRequested,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable String errorCode,
        @Nullable String errorDetail,
        @Nullable String correlationId,
        @Version Long version) {

    /** A row without a correlation id, as executions were stored before them. */
    public ExecutionEntity(String id, String planId, String environment, String approvalId, ExecutionStatus status,
                           String requestedBy, boolean cancelRequested, Instant createdAt, Instant startedAt,
                           Instant endedAt, String errorCode, String errorDetail, Long version) {
        this(id, planId, environment, approvalId, status, requestedBy, cancelRequested, createdAt, startedAt, endedAt,
                errorCode, errorDetail, null, version);
    }

    public ExecutionEntity moved(ExecutionStatus to, Instant at, String code, String detail) {
        Instant started = startedAt == null && to == ExecutionStatus.RUNNING ? at : startedAt;
        Instant ended = to.terminal() ? at : null;
        return new ExecutionEntity(id, planId, environment, approvalId, to, requestedBy, cancelRequested, createdAt,
                started, ended, code == null ? errorCode : code, detail == null ? errorDetail : detail, correlationId,
                version);
    }

    public ExecutionEntity withCancelRequested() {
        return new ExecutionEntity(id, planId, environment, approvalId, status, requestedBy, true, createdAt,
                startedAt, endedAt, errorCode, errorDetail, correlationId, version);
    }
}
