package io.carapulse.core.plan;

import io.carapulse.api.dto.PageView;
import io.carapulse.core.common.Cursor;
import io.carapulse.core.common.FilteredQuery;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

/** Filtered plan listings, newest first, paged by cursor. */
@Singleton
public class PlanQueries {

    /** The listing's name inside its cursors. */
    public static final String LIST = "plans";
    /** The order of the listing: a total order, so a cursor names one position. */
    public static final String ORDER = "created_at DESC, id DESC";

    private final JdbcOperations jdbc;

    public PlanQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Newest first, older than {@code before} when given. {@code null} filters match anything.
     *
     * @throws io.carapulse.api.error.ProblemException {@code invalid_cursor} for a {@code before} this list did not give out
     */
    @ReadOnly
    public PageView<PlanEntity> list(PlanStatus status, String environment, String requester, String before,
                                     int limit) {
        return query(status, environment, requester, Cursor.decode(LIST, before))
                .page(jdbc, PlanEntity.class, ORDER, limit, p -> Cursor.encode(LIST, p.createdAt(), p.id()));
    }

    /** The statement {@link #list} runs, before its ORDER BY and LIMIT. */
    public static FilteredQuery query(PlanStatus status, String environment, String requester, Cursor before) {
        return FilteredQuery.from("plan")
                .whereEquals("status", status == null ? null : status.name())
                .whereEquals("environment", environment)
                .whereEquals("requester", requester)
                .before("created_at", "id", before);
    }
}
