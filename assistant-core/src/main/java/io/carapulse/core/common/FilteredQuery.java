package io.carapulse.core.common;

import io.carapulse.api.dto.PageView;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A newest-first listing with optional equality filters, paged by keyset: a page starts strictly
 * before the previous page's last item ({@link #before}) and reads one row more than it shows to know
 * whether another follows. No offset and no count, so a page costs the same on the first day and
 * after ten million rows, given an index on (filter column, order columns) — see V8__list_indexes.sql.
 * Column names are the caller's constants, never user input; values are always bound parameters.
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

    /**
     * Keeps rows older than {@code cursor} in {@code atColumn DESC, idColumn DESC} order, as one row
     * comparison so that an index on ({@code atColumn}, {@code idColumn}) answers it as a range.
     * Nothing when {@code cursor} is null.
     */
    public FilteredQuery before(String atColumn, String idColumn, Cursor cursor) {
        if (cursor != null) {
            where.append(" AND (").append(atColumn).append(", ").append(idColumn).append(") < (?, ?)");
            params.add(OffsetDateTime.ofInstant(cursor.at(), ZoneOffset.UTC));
            params.add(cursor.id());
        }
        return this;
    }

    /**
     * Up to {@code limit} entities mapped by Micronaut Data in {@code orderBy} order; the page's
     * {@code next} is {@code cursor} of the last one when more rows match.
     */
    public <E> PageView<E> page(JdbcOperations jdbc, Class<E> entity, String orderBy, int limit,
                                Function<E, String> cursor) {
        return page(jdbc, orderBy, limit, cursor, rs -> jdbc.entityStream(rs, entity).toList());
    }

    /** One page mapped row by row, for tables that are not entities. */
    public <E> PageView<E> page(JdbcOperations jdbc, RowMapper<E> mapper, String orderBy, int limit,
                                Function<E, String> cursor) {
        return page(jdbc, orderBy, limit, cursor, rs -> {
            List<E> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        });
    }

    /** The statement a page runs, with {@code ?} for its parameters (for plan-shape tests). */
    public String sql(String orderBy) {
        return "SELECT * FROM " + table + where + " ORDER BY " + orderBy + " LIMIT ?";
    }

    /** The values bound to {@link #sql}'s parameters, in order, the limit last. */
    public List<Object> parameters(int limit) {
        List<Object> all = new ArrayList<>(params);
        all.add(limit + 1);
        return all;
    }

    private <E> PageView<E> page(JdbcOperations jdbc, String orderBy, int limit, Function<E, String> cursor,
                                 Rows<E> rows) {
        List<E> read = jdbc.prepareStatement(sql(orderBy), ps -> {
            bind(ps, parameters(limit));
            try (ResultSet rs = ps.executeQuery()) {
                return rows.read(rs);
            }
        });
        if (read.size() <= limit) {
            return new PageView<>(read, limit, null);
        }
        List<E> items = read.subList(0, limit);
        return new PageView<>(List.copyOf(items), limit, cursor.apply(items.get(limit - 1)));
    }

    private static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
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
