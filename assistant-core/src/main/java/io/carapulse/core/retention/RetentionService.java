package io.carapulse.core.retention;

import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.carapulse.core.execution.ExecutionStatus;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Removes what {@code carapulse.retention.*} no longer keeps, one bounded transaction at a time
 * ({@link #pruneBatch}): at most {@code batch-size} executions' event logs, evidence excerpts and chat
 * sessions' messages, and one {@code retention.prune} audit record with the counts, committed together
 * (S7). Never an audit record, a checkpoint, an evidence hash or size, an evidence record itself, or
 * anything of an execution that has not ended.
 */
@Singleton
public class RetentionService {

    /** The action of the audit record each pruning transaction leaves. */
    public static final String ACTION = "retention.prune";
    /** The event an execution's pruned log keeps in place of what was removed. */
    public static final String PRUNED_EVENT = "log.pruned";
    private static final String FINISHED_EVENT = "execution.finished";
    private static final String TERMINAL = Arrays.stream(ExecutionStatus.values()).filter(ExecutionStatus::terminal)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));

    private final JdbcOperations jdbc;
    private final AuditService audit;
    private final RetentionConfiguration config;
    private final Clock clock;

    public RetentionService(JdbcOperations jdbc, AuditService audit, RetentionConfiguration config, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** What one transaction removed. */
    public record Pruned(int eventLogs, int events, int stepOutputs, int chatSessions, int chatMessages) {

        public boolean any() {
            return eventLogs + stepOutputs + chatSessions > 0;
        }

        Pruned plus(Pruned o) {
            return new Pruned(eventLogs + o.eventLogs, events + o.events, stepOutputs + o.stepOutputs,
                    chatSessions + o.chatSessions, chatMessages + o.chatMessages);
        }
    }

    /** Prunes batch after batch until nothing is left to prune or {@code stop} says so; the totals. */
    public Pruned pruneAll(java.util.function.BooleanSupplier stop) {
        Pruned total = new Pruned(0, 0, 0, 0, 0);
        if (!config.enabled()) {
            return total;
        }
        while (!stop.getAsBoolean()) {
            Pruned p = pruneBatch();
            total = total.plus(p);
            if (!p.any()) {
                break;
            }
        }
        return total;
    }

    /** One bounded transaction: up to {@code batch-size} of each kind past its retention, and its audit record. */
    @Transactional
    public Pruned pruneBatch() {
        Instant now = Times.now(clock);
        int[] logs = config.eventLogPeriod().map(d -> pruneEventLogs(cutoff(now, d), now)).orElse(new int[] {0, 0});
        int outputs = config.stepOutputPeriod().map(d -> pruneStepOutputs(cutoff(now, d), now)).orElse(0);
        int[] chats = config.chatPeriod().map(d -> pruneChats(cutoff(now, d), now)).orElse(new int[] {0, 0});
        Pruned p = new Pruned(logs[0], logs[1], outputs, chats[0], chats[1]);
        if (p.any()) {
            audit.record(AuditEntry.allow(Actor.SYSTEM, ACTION, "retention", null)
                    .with("eventLogs", p.eventLogs()).with("events", p.events())
                    .with("stepOutputs", p.stepOutputs())
                    .with("chatSessions", p.chatSessions()).with("chatMessages", p.chatMessages()));
        }
        return p;
    }

    private static OffsetDateTime cutoff(Instant now, Duration keep) {
        return OffsetDateTime.ofInstant(now.minus(keep), ZoneOffset.UTC);
    }

    /** Ended executions' logs: every event but the last, which stays, and one {@code log.pruned} event. */
    private int[] pruneEventLogs(OffsetDateTime cutoff, Instant now) {
        List<String> ids = ids("SELECT id FROM execution WHERE log_pruned_at IS NULL AND ended_at < ? AND status IN ("
                + TERMINAL + ") ORDER BY ended_at", cutoff);
        int events = 0;
        for (String id : ids) {
            int removed = jdbc.prepareStatement("DELETE FROM execution_event WHERE execution_id = ? AND type <> ?"
                    + " AND seq < (SELECT MAX(seq) FROM execution_event WHERE execution_id = ?)", ps -> {
                ps.setString(1, id);
                ps.setString(2, FINISHED_EVENT);
                ps.setString(3, id);
                return ps.executeUpdate();
            });
            events += removed;
            long first = jdbc.prepareStatement("SELECT COALESCE(MIN(seq), 0) FROM execution_event WHERE execution_id = ?",
                    ps -> {
                        ps.setString(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    });
            if (removed > 0 && first > 1) {
                // where the removed events were: before the ones kept, so a reader resuming by seq sees it first
                insertMarker(id, first - 1, removed, now);
            }
            mark("UPDATE execution SET log_pruned_at = ? WHERE id = ?", id, now);
        }
        return new int[] {ids.size(), events};
    }

    private void insertMarker(String id, long seq, int removed, Instant now) {
        jdbc.prepareStatement("INSERT INTO execution_event (execution_id, seq, type, at, data_json) VALUES (?,?,?,?,?)",
                ps -> {
                ps.setString(1, id);
                ps.setLong(2, seq);
                ps.setString(3, PRUNED_EVENT);
                ps.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setString(5, Json.write(Json.object().put("by", "retention").put("at", now.toString())
                        .put("removedEvents", removed)));
                return ps.executeUpdate();
            });
    }

    /** Evidence excerpts of steps that ended before the cutoff; the hash, size and everything else stay. */
    private int pruneStepOutputs(OffsetDateTime cutoff, Instant now) {
        // only of ended executions: a held one's evidence is what a person resolving it reads
        List<String> ids = ids("SELECT e.id FROM evidence e JOIN execution x ON x.id = e.execution_id"
                + " WHERE e.output_pruned_at IS NULL AND e.ended_at < ? AND x.status IN (" + TERMINAL + ")"
                + " ORDER BY e.ended_at", cutoff);
        for (String id : ids) {
            mark("UPDATE evidence SET excerpt = '', output_pruned_at = ? WHERE id = ?", id, now);
        }
        return ids.size();
    }

    /** The messages of sessions idle since before the cutoff, unless a turn is running in one. */
    private int[] pruneChats(OffsetDateTime cutoff, Instant now) {
        List<String> ids = ids("SELECT id FROM chat_session WHERE updated_at < ? AND turn_id IS NULL AND"
                + " (messages_pruned_at IS NULL OR messages_pruned_at < updated_at) AND EXISTS"
                + " (SELECT 1 FROM chat_message m WHERE m.session_id = chat_session.id) ORDER BY updated_at", cutoff);
        int messages = 0;
        for (String id : ids) {
            messages += jdbc.prepareStatement("DELETE FROM chat_message WHERE session_id = ?", ps -> {
                ps.setString(1, id);
                return ps.executeUpdate();
            });
            mark("UPDATE chat_session SET messages_pruned_at = ? WHERE id = ?", id, now);
        }
        return new int[] {ids.size(), messages};
    }

    private List<String> ids(String sql, OffsetDateTime cutoff) {
        return jdbc.prepareStatement(sql + " LIMIT ?", ps -> {
            ps.setObject(1, cutoff);
            ps.setInt(2, config.batchSize());
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private void mark(String sql, String id, Instant now) {
        jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setString(2, id);
            return ps.executeUpdate();
        });
    }

}
