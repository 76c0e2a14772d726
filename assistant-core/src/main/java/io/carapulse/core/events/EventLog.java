package io.carapulse.core.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.ExecutionEventView;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Execution events in the database, so any replica can stream any execution (design §9). Events of
 * one execution are written by the one runner that holds it (db-scheduler guarantees one), which
 * numbers them; readers follow by {@code seq}.
 */
@Singleton
public class EventLog {

    public static final String EXECUTION_FINISHED = "execution.finished";
    public static final Set<String> TERMINAL = Set.of(EXECUTION_FINISHED, "execution.held");

    private final JdbcOperations jdbc;
    private final Clock clock;

    public EventLog(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
    }

    /** Events after {@code afterSeq}, in order, at most {@code limit}. */
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
