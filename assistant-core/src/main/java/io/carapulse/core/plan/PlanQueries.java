package io.carapulse.core.plan;

import io.carapulse.api.dto.PageView;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

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
        if (requester != null) {
            where.append(" AND requester = ?");
            params.add(requester);
        }
        long total = jdbc.prepareStatement("SELECT COUNT(*) FROM plan" + where, ps -> {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        List<PlanEntity> items = jdbc.prepareStatement(
                "SELECT * FROM plan" + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", ps -> {
                    for (int i = 0; i < params.size(); i++) {
                        ps.setObject(i + 1, params.get(i));
                    }
                    ps.setInt(params.size() + 1, limit);
                    ps.setLong(params.size() + 2, offset);
                    try (ResultSet rs = ps.executeQuery()) {
                        return jdbc.entityStream(rs, PlanEntity.class).toList();
                    }
                });
        return new PageView<>(items, total, limit, offset);
    }
}
