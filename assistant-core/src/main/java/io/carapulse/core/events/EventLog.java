package io.carapulse.core.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.ExecutionEventView;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.exceptions.TransactionUsageException;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Execution events in the database, so any replica can stream any execution (design §9). Events of
 * one execution are written by the one runner that holds it (db-scheduler guarantees one), which
 * numbers them; readers follow by {@code seq}. Each commit that stored events is announced: to this
 * replica's {@link EventFeed} after the commit, and on PostgreSQL to every replica through
 * {@code NOTIFY} on {@value #CHANNEL} (delivered by the database only when the transaction commits).
 */
@Singleton
public class EventLog implements EventReader {

    public static final String EXECUTION_FINISHED = "execution.finished";
    public static final Set<String> TERMINAL = Set.of(EXECUTION_FINISHED, "execution.held");

    /** The PostgreSQL notification channel; a payload is {@code <executionId>:<highest seq committed>}. */
    public static final String CHANNEL = "carapulse_events";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final Provider<EventFeed> feed;
    private final Clock clock;
    private final boolean postgres;
    /** The events each open transaction (by its connection) stored so far, by execution: announced when it ends. */
    private final Map<Connection, Map<String, Long>> pending = Collections.synchronizedMap(new IdentityHashMap<>());

    public EventLog(JdbcOperations jdbc, TransactionOperations<Connection> tx, Provider<EventFeed> feed, Clock clock,
                    @Value("${datasources.default.url:}") String databaseUrl) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.feed = feed;
        this.clock = clock;
        this.postgres = databaseUrl.startsWith("jdbc:postgresql:");
    }

    /** The highest seq written for the execution, 0 if none. */
    @ReadOnly
    public long lastSeq(String executionId) {
        return jdbc.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM execution_event WHERE execution_id = ?", ps -> {
            ps.setString(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Appends one event (inside the caller's transaction if there is one). */
    public void append(String executionId, long seq, String type, ObjectNode data) {
        Instant at = Times.now(clock);
        jdbc.prepareStatement("INSERT INTO execution_event (execution_id, seq, type, at, data_json) VALUES (?,?,?,?,?)",
                ps -> {
                    ps.setString(1, executionId);
                    ps.setLong(2, seq);
                    ps.setString(3, type);
                    ps.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    ps.setString(5, Json.write(data));
                    return ps.executeUpdate();
                });
        announce(executionId, seq);
    }

    /**
     * Announces {@code seq} once the transaction that stored it commits: one notification per
     * execution per transaction, carrying its highest seq; nothing when it rolls back.
     */
    private void announce(String executionId, long seq) {
        var status = tx.findTransactionStatus().filter(s -> !s.isCompleted());
        Connection connection = status.map(s -> (Connection) s.getConnection()).orElse(null);
        Map<String, Long> stored = connection == null ? null : pending.get(connection);
        if (connection != null && stored == null) {
            Map<String, Long> fresh = new LinkedHashMap<>();
            try {
                status.get().registerSynchronization(synchronization(connection, fresh));
            } catch (TransactionUsageException notInATransaction) {
                connection = null;
            }
            if (connection != null) {
                pending.put(connection, fresh);
                stored = fresh;
            }
        }
        if (stored == null) { // no transaction: the insert has committed already
            notifyOthers(Map.of(executionId, seq));
            feed.get().committed(executionId, seq);
            return;
        }
        stored.merge(executionId, seq, Math::max);
    }

    private TransactionSynchronization synchronization(Connection connection, Map<String, Long> stored) {
        return new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                notifyOthers(stored);
            }

            @Override
            public void afterCommit() {
                EventFeed f = feed.get();
                stored.forEach(f::committed);
            }

            @Override
            public void afterCompletion(Status completion) {
                pending.remove(connection);
            }
        };
    }

    /** On PostgreSQL, in the storing transaction: the database delivers it to every listener on commit. */
    private void notifyOthers(Map<String, Long> stored) {
        if (!postgres) {
            return;
        }
        stored.forEach((executionId, seq) -> jdbc.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)", ps -> {
            ps.setString(1, executionId + ":" + seq);
            return ps.execute();
        }));
    }

    /** Events after {@code afterSeq}, in order, at most {@code limit}. */
    @Override
    @ReadOnly
    public List<ExecutionEventView> after(String executionId, long afterSeq, int limit) {
        return jdbc.prepareStatement("SELECT seq, type, at, data_json FROM execution_event WHERE execution_id = ? "
                + "AND seq > ? ORDER BY seq LIMIT ?", ps -> {
            ps.setString(1, executionId);
            ps.setLong(2, afterSeq);
            ps.setInt(3, limit);
            List<ExecutionEventView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
                    out.add(new ExecutionEventView(rs.getLong(1), rs.getString(2), at.toInstant(),
                            Json.read(rs.getString(4))));
                }
            }
            return out;
        });
    }
}
