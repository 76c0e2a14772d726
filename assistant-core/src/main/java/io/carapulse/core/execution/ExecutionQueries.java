package io.carapulse.core.execution;

import io.carapulse.api.dto.PageView;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

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
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        if (status != null) {
            where.append(" AND status = ?");
            params.add(status.name());
        }
        if (environment != null) {
            where.append(" AND environment = ?");
            params.add(environment);
        }
        if (planId != null) {
            where.append(" AND plan_id = ?");
            params.add(planId);
        }
        long total = jdbc.prepareStatement("SELECT COUNT(*) FROM execution" + where, ps -> {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        List<ExecutionEntity> items = jdbc.prepareStatement(
                "SELECT * FROM execution" + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", ps -> {
                    for (int i = 0; i < params.size(); i++) {
                        ps.setObject(i + 1, params.get(i));
                    }
                    ps.setInt(params.size() + 1, limit);
                    ps.setLong(params.size() + 2, offset);
                    try (ResultSet rs = ps.executeQuery()) {
                        return jdbc.entityStream(rs, ExecutionEntity.class).toList();
                    }
                });
        return new PageView<>(items, total, limit, offset);
    }
}
