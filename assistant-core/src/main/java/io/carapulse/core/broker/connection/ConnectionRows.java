package io.carapulse.core.broker.connection;

import io.carapulse.api.dto.ConnectionView;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.AuthKind;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code oauth_connection} and {@code oauth_connection_state} tables (V21). No token is in them (the
 * tokens and the PKCE verifiers are in {@code broker_secret}). Callers run these inside a transaction.
 */
@Singleton
class ConnectionRows {

    private final JdbcOperations jdbc;

    ConnectionRows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A started flow, as stored: whom it binds to, and whether it can still be used. */
    record State(String hash, Actor actor, ConnectionProvider provider, Instant expiresAt, Instant usedAt) {
    }

    void insertState(String hash, Actor actor, ConnectionProvider provider, Instant expiresAt, Instant now) {
        jdbc.prepareStatement("INSERT INTO oauth_connection_state (state_hash, actor_id, actor_name, actor_kind,"
                + " actor_email, provider, expires_at, created_at) VALUES (?,?,?,?,?,?,?,?)", ps -> {
                    ps.setString(1, hash);
                    ps.setString(2, actor.id());
                    ps.setString(3, actor.name());
                    ps.setString(4, actor.kind().name());
                    ps.setString(5, actor.email());
                    ps.setString(6, provider.wire());
                    ps.setTimestamp(7, Timestamp.from(expiresAt));
                    ps.setTimestamp(8, Timestamp.from(now));
                    return ps.executeUpdate();
                });
    }

    Optional<State> state(String hash) {
        return jdbc.prepareStatement("SELECT * FROM oauth_connection_state WHERE state_hash = ?", ps -> {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<State>empty();
                }
                Actor actor = new Actor(rs.getString("actor_id"), rs.getString("actor_name"),
                        AuthKind.valueOf(rs.getString("actor_kind")), Set.of(), rs.getString("actor_email"));
                return Optional.of(new State(hash, actor, ConnectionProvider.fromWire(rs.getString("provider")).orElseThrow(),
                        rs.getTimestamp("expires_at").toInstant(), instant(rs, "used_at")));
            }
        });
    }

    /** Marks the state used, if nobody did before; whether this call did (at most one caller wins). */
    boolean useState(String hash, Instant now) {
        return jdbc.prepareStatement("UPDATE oauth_connection_state SET used_at = ? WHERE state_hash = ? AND used_at IS NULL",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, hash);
                    return ps.executeUpdate();
                }) == 1;
    }

    /** The hashes of states created before {@code cutoff}, to forget (with their verifiers). */
    List<String> statesBefore(Instant cutoff) {
        return jdbc.prepareStatement("SELECT state_hash FROM oauth_connection_state WHERE created_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    void deleteState(String hash) {
        jdbc.prepareStatement("DELETE FROM oauth_connection_state WHERE state_hash = ?", ps -> {
            ps.setString(1, hash);
            return ps.executeUpdate();
        });
    }

    void insert(ConnectionView v, String actorKind) {
        jdbc.prepareStatement("INSERT INTO oauth_connection (id, actor_id, actor_name, actor_kind, provider, username,"
                + " external_id, scopes, status, expires_at, version, created_at, updated_at, kind)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?,?)", ps -> {
                    ps.setString(1, v.id());
                    ps.setString(2, v.actor());
                    ps.setString(3, v.actorName());
                    ps.setString(4, actorKind);
                    ps.setString(5, v.provider());
                    ps.setString(6, v.username());
                    ps.setString(7, v.externalId());
                    ps.setString(8, v.scopes().isEmpty() ? null : String.join(",", v.scopes()));
                    ps.setString(9, v.status());
                    timestamp(ps, 10, v.expiresAt());
                    ps.setTimestamp(11, Timestamp.from(v.createdAt()));
                    ps.setTimestamp(12, Timestamp.from(v.updatedAt()));
                    ps.setString(13, v.kind());
                    return ps.executeUpdate();
                });
    }

    Optional<ConnectionView> find(String id) {
        return select("WHERE id = ?", false, id).stream().findFirst();
    }

    /** The connection, its row locked until the transaction ends (one refresh or revocation at a time). */
    Optional<ConnectionView> lock(String id) {
        return select("WHERE id = ?", true, id).stream().findFirst();
    }

    Optional<ConnectionView> of(String actorId, ConnectionProvider provider) {
        return select("WHERE actor_id = ? AND provider = ?", false, actorId, provider.wire()).stream().findFirst();
    }

    /** Newest first; {@code actorId} null for everyone's. */
    List<ConnectionView> list(String actorId) {
        return actorId == null ? select("", false) : select("WHERE actor_id = ?", false, actorId);
    }

    /** Records new tokens' expiry and scopes after a refresh. */
    void refreshed(String id, Instant expiresAt, List<String> scopes, Instant now) {
        jdbc.prepareStatement("UPDATE oauth_connection SET expires_at = ?, scopes = COALESCE(?, scopes),"
                + " updated_at = ?, version = version + 1 WHERE id = ?", ps -> {
                    timestamp(ps, 1, expiresAt);
                    ps.setString(2, scopes.isEmpty() ? null : String.join(",", scopes));
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setString(4, id);
                    return ps.executeUpdate();
                });
    }

    void status(String id, ConnectionStatus status, Instant now) {
        jdbc.prepareStatement("UPDATE oauth_connection SET status = ?, expires_at = NULL, updated_at = ?,"
                + " version = version + 1 WHERE id = ?", ps -> {
                    ps.setString(1, status.wire());
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, id);
                    return ps.executeUpdate();
                });
    }

    void delete(String id) {
        jdbc.prepareStatement("DELETE FROM oauth_connection WHERE id = ?", ps -> {
            ps.setString(1, id);
            return ps.executeUpdate();
        });
    }

    private List<ConnectionView> select(String where, boolean forUpdate, String... params) {
        return jdbc.prepareStatement("SELECT * FROM oauth_connection " + where
                + (forUpdate ? " FOR UPDATE" : " ORDER BY created_at DESC, id DESC"), ps -> {
                    for (int i = 0; i < params.length; i++) {
                        ps.setString(i + 1, params[i]);
                    }
                    List<ConnectionView> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(view(rs));
                        }
                    }
                    return out;
                });
    }

    private static ConnectionView view(ResultSet rs) throws SQLException {
        String scopes = rs.getString("scopes");
        return new ConnectionView(rs.getString("id"), rs.getString("provider"), rs.getString("actor_id"),
                rs.getString("actor_name"), rs.getString("username"), rs.getString("external_id"),
                scopes == null ? List.of() : Arrays.asList(scopes.split(",")), rs.getString("status"),
                instant(rs, "expires_at"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("kind"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void timestamp(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, Timestamp.from(value));
        }
    }
}
