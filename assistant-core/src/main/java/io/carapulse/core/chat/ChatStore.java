package io.carapulse.core.chat;

import io.carapulse.core.common.Times;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sessions and messages in the database. Each write is its own transaction, so a turn that fails
 * half-way keeps every message it had stored.
 */
@Singleton
class ChatStore {

    private static final String SESSION_COLUMNS = "id, environment, owner, owner_name, title, input_tokens, "
            + "output_tokens, turn_id, turn_started_at, created_at, updated_at";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    ChatStore(JdbcOperations jdbc, TransactionOperations<Connection> tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    ChatSession create(String id, String environment, String owner, String ownerName, String title) {
        Instant now = Times.now(clock);
        return tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO chat_session (" + SESSION_COLUMNS
                + ") VALUES (?,?,?,?,?,0,0,NULL,NULL,?,?)", ps -> {
                    ps.setString(1, id);
                    ps.setString(2, environment);
                    ps.setString(3, owner);
                    ps.setString(4, ownerName);
                    ps.setString(5, title);
                    ps.setObject(6, at(now));
                    ps.setObject(7, at(now));
                    ps.executeUpdate();
                    return new ChatSession(id, environment, owner, ownerName, title, 0, 0, null, null, now, now, null);
                }));
    }

    Optional<ChatSession> find(String id) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT " + SESSION_COLUMNS + ", messages_pruned_at FROM chat_session WHERE id = ?",
                ps -> {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(session(rs)) : Optional.<ChatSession>empty();
                    }
                }));
    }

    /** Sessions, newest first; only {@code owner}'s unless it is null. */
    List<ChatSession> list(String owner, int limit) {
        String where = owner == null ? "" : " WHERE owner = ?";
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT " + SESSION_COLUMNS + ", messages_pruned_at FROM chat_session" + where
                + " ORDER BY created_at DESC, id DESC LIMIT ?", ps -> {
                    int i = 1;
                    if (owner != null) {
                        ps.setString(i++, owner);
                    }
                    ps.setInt(i, limit);
                    List<ChatSession> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(session(rs));
                        }
                    }
                    return out;
                }));
    }

    /**
     * Takes the session's turn slot: true when no turn holds it, or the one holding it started
     * before {@code staleAfter} ago (its replica died mid-turn).
     */
    boolean beginTurn(String sessionId, String turnId, Duration staleAfter) {
        Instant now = Times.now(clock);
        return tx.executeWrite(s -> jdbc.prepareStatement("UPDATE chat_session SET turn_id = ?, turn_started_at = ? "
                + "WHERE id = ? AND (turn_id IS NULL OR turn_started_at < ?)", ps -> {
                    ps.setString(1, turnId);
                    ps.setObject(2, at(now));
                    ps.setString(3, sessionId);
                    ps.setObject(4, at(now.minus(staleAfter)));
                    return ps.executeUpdate() == 1;
                }));
    }

    void endTurn(String sessionId, String turnId) {
        Instant now = Times.now(clock);
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE chat_session SET turn_id = NULL, turn_started_at = NULL, "
                + "updated_at = ? WHERE id = ? AND turn_id = ?", ps -> {
                    ps.setObject(1, at(now));
                    ps.setString(2, sessionId);
                    ps.setString(3, turnId);
                    return ps.executeUpdate();
                }));
    }

    void addUsage(String sessionId, long inputTokens, long outputTokens) {
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE chat_session SET input_tokens = input_tokens + ?, "
                + "output_tokens = output_tokens + ? WHERE id = ?", ps -> {
                    ps.setLong(1, inputTokens);
                    ps.setLong(2, outputTokens);
                    ps.setString(3, sessionId);
                    return ps.executeUpdate();
                }));
    }

    /** Appends a message at the next position and returns it. */
    ChatMessage append(String sessionId, String role, String content, String toolCallsJson, String toolCallId,
                       String summary, String detailsJson, Long inputTokens, Long outputTokens) {
        Instant now = Times.now(clock);
        return tx.executeWrite(s -> {
            int seq = jdbc.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM chat_message WHERE session_id = ?",
                    ps -> {
                        ps.setString(1, sessionId);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getInt(1);
                        }
                    });
            jdbc.prepareStatement("INSERT INTO chat_message (session_id, seq, role, content, tool_calls_json, "
                    + "tool_call_id, summary, details_json, input_tokens, output_tokens, created_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?)", ps -> {
                        ps.setString(1, sessionId);
                        ps.setInt(2, seq);
                        ps.setString(3, role);
                        ps.setString(4, content);
                        ps.setString(5, toolCallsJson);
                        ps.setString(6, toolCallId);
                        ps.setString(7, summary == null ? null : cut(summary, 500));
                        ps.setString(8, detailsJson);
                        setLong(ps, 9, inputTokens);
                        setLong(ps, 10, outputTokens);
                        ps.setObject(11, at(now));
                        return ps.executeUpdate();
                    });
            return new ChatMessage(seq, role, content, toolCallsJson, toolCallId, summary, detailsJson, inputTokens,
                    outputTokens, now);
        });
    }

    List<ChatMessage> messages(String sessionId) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT seq, role, content, tool_calls_json, tool_call_id, "
                + "summary, details_json, input_tokens, output_tokens, created_at FROM chat_message "
                + "WHERE session_id = ? ORDER BY seq", ps -> {
                    ps.setString(1, sessionId);
                    List<ChatMessage> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new ChatMessage(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6), rs.getString(7), getLong(rs, 8),
                                    getLong(rs, 9), rs.getObject(10, OffsetDateTime.class).toInstant()));
                        }
                    }
                    return out;
                }));
    }

    private static ChatSession session(ResultSet rs) throws SQLException {
        OffsetDateTime turnStarted = rs.getObject(9, OffsetDateTime.class);
        OffsetDateTime pruned = rs.getObject(12, OffsetDateTime.class);
        return new ChatSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7), rs.getString(8), turnStarted == null ? null : turnStarted.toInstant(),
                rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getObject(11, OffsetDateTime.class).toInstant(),
                pruned == null ? null : pruned.toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    private static Long getLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
