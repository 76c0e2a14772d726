package io.carapulse.core.execution;

import io.carapulse.api.dto.PageView;
import io.carapulse.core.common.FilteredQuery;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

/** Filtered, paginated execution listings. */
@Singleton
public class ExecutionQueries {

    private final JdbcOperations jdbc;

    public ExecutionQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first. {@code null} filters match anything. */
    @ReadOnly
    public PageView<ExecutionEntity> list(ExecutionStatus status, String environment, String planId, int limit,
                                          long offset) {
        return FilteredQuery.from("execution")
                .whereEquals("status", status == null ? null : status.name())
                .whereEquals("environment", environment)
                .whereEquals("plan_id", planId)
                .page(jdbc, ExecutionEntity.class, "created_at DESC, id DESC", limit, offset);
    }
}
