package io.carapulse.core.execution;

import io.carapulse.api.dto.PageView;
import io.carapulse.core.common.Cursor;
import io.carapulse.core.common.FilteredQuery;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

/** Filtered execution listings, newest first, paged by cursor. */
@Singleton
public class ExecutionQueries {

    /** The listing's name inside its cursors. */
    public static final String LIST = "executions";
    /** The order of the listing: a total order, so a cursor names one position. */
    public static final String ORDER = "created_at DESC, id DESC";

    private final JdbcOperations jdbc;

    public ExecutionQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Newest first, older than {@code before} when given. {@code null} filters match anything.
     *
     * @throws io.carapulse.api.error.ProblemException {@code invalid_cursor} for a {@code before} this list did not give out
     */
    @ReadOnly
    public PageView<ExecutionEntity> list(ExecutionStatus status, String environment, String planId, String before,
                                          int limit) {
        return query(status, environment, planId, Cursor.decode(LIST, before))
                .page(jdbc, ExecutionEntity.class, ORDER, limit, e -> Cursor.encode(LIST, e.createdAt(), e.id()));
    }

    /** The statement {@link #list} runs, before its ORDER BY and LIMIT. */
    public static FilteredQuery query(ExecutionStatus status, String environment, String planId, Cursor before) {
        return FilteredQuery.from("execution")
                .whereEquals("status", status == null ? null : status.name())
                .whereEquals("environment", environment)
                .whereEquals("plan_id", planId)
                .before("created_at", "id", before);
    }
}
