package io.carapulse.core.plan;

import io.carapulse.api.dto.PageView;
import io.carapulse.core.common.FilteredQuery;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

/** Filtered, paginated plan listings. */
@Singleton
public class PlanQueries {

    private final JdbcOperations jdbc;

    public PlanQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first. {@code null} filters match anything. */
    @ReadOnly
    public PageView<PlanEntity> list(PlanStatus status, String environment, String requester, int limit, long offset) {
        return FilteredQuery.from("plan")
                .whereEquals("status", status == null ? null : status.name())
                .whereEquals("environment", environment)
                .whereEquals("requester", requester)
                .page(jdbc, PlanEntity.class, "created_at DESC, id DESC", limit, offset);
    }
}
