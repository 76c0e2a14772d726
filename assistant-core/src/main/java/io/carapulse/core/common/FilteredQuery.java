package io.carapulse.core.common;

import io.carapulse.api.dto.PageView;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A listing with optional equality filters and limit/offset paging, newest first. Column names are
 * the caller's constants, never user input; values are always bound parameters.
 */
public final class FilteredQuery {

    private final String table;
    private final StringBuilder where = new StringBuilder(" WHERE 1=1");
    private final List<Object> params = new ArrayList<>();

    private FilteredQuery(String table) {
        this.table = table;
    }

    public static FilteredQuery from(String table) {
        return new FilteredQuery(table);
    }

    /** Adds {@code column <op> value} when {@code value} is not null. */
    public FilteredQuery where(String column, String op, Object value) {
        if (value != null) {
            where.append(" AND ").append(column).append(' ').append(op).append(" ?");
            params.add(value);
        }
        return this;
    }

    public FilteredQuery whereEquals(String column, Object value) {
        return where(column, "=", value);
    }

    public long count(JdbcOperations jdbc) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM " + table + where, ps -> {
            bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** One page of entities mapped by Micronaut Data, ordered by {@code orderBy}. */
    public <E> PageView<E> page(JdbcOperations jdbc, Class<E> entity, String orderBy, int limit, long offset) {
        return page(jdbc, orderBy, limit, offset, rs -> jdbc.entityStream(rs, entity).toList());
    }

    /** One page mapped row by row, for tables that are not entities. */
    public <E> PageView<E> page(JdbcOperations jdbc, RowMapper<E> mapper, String orderBy, int limit, long offset) {
        return page(jdbc, orderBy, limit, offset, rs -> {
            List<E> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        });
    }

    private <E> PageView<E> page(JdbcOperations jdbc, String orderBy, int limit, long offset, Rows<E> rows) {
        List<E> items = jdbc.prepareStatement("SELECT * FROM " + table + where + " ORDER BY " + orderBy
                + " LIMIT ? OFFSET ?", ps -> {
            bind(ps);
            ps.setInt(params.size() + 1, limit);
            ps.setLong(params.size() + 2, offset);
            try (ResultSet rs = ps.executeQuery()) {
                return rows.read(rs);
            }
        });
        return new PageView<>(items, count(jdbc), limit, offset);
    }

    private void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private interface Rows<E> {
        List<E> read(ResultSet rs) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    public interface RowMapper<E> {
        E map(ResultSet rs) throws SQLException;
    }
}
