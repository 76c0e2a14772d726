package io.carapulse.core.broker;

import io.carapulse.core.broker.crypto.SealedSecret;
import io.carapulse.core.broker.crypto.WrappedKey;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The {@code broker_secret} table (V17): one row per secret, its crypto fields as base64 text (portable
 * between H2 and PostgreSQL). There is no plaintext column. Callers run these inside a transaction.
 */
@Singleton
class SecretRows {

    private static final String COLUMNS = "id, owner, name, agent_accessible, format_version, kek_id, wrapped_key,"
            + " wrap_nonce, nonce, ciphertext";

    /** One stored secret. {@code toString} shows no crypto field. */
    record Row(String id, String owner, String name, boolean agentAccessible, SealedSecret sealed) {
        @Override
        public String toString() {
            return "Row[" + id + ", " + owner + ", " + name + ", " + sealed + "]";
        }
    }

    private final JdbcOperations jdbc;

    SecretRows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(String owner, String name) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM broker_secret WHERE owner = ? AND name = ?", ps -> {
            ps.setString(1, owner);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.<Row>empty();
            }
        });
    }

    void insert(String id, String owner, String name, boolean agentAccessible, SealedSecret s, Instant now) {
        jdbc.prepareStatement("INSERT INTO broker_secret (" + COLUMNS + ", created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                ps -> {
                    ps.setString(1, id);
                    ps.setString(2, owner);
                    ps.setString(3, name);
                    ps.setBoolean(4, agentAccessible);
                    int i = crypto(ps, 5, s);
                    ps.setTimestamp(i, Timestamp.from(now));
                    return ps.executeUpdate();
                });
    }

    /** Replaces a secret's value (new data key, new ciphertext); 0 when it does not exist. */
    int replace(String owner, String name, SealedSecret s, Instant now) {
        return jdbc.prepareStatement("UPDATE broker_secret SET format_version = ?, kek_id = ?, wrapped_key = ?,"
                + " wrap_nonce = ?, nonce = ?, ciphertext = ?, rotated_at = ? WHERE owner = ? AND name = ?", ps -> {
                    int i = crypto(ps, 1, s);
                    ps.setTimestamp(i, Timestamp.from(now));
                    ps.setString(i + 1, owner);
                    ps.setString(i + 2, name);
                    return ps.executeUpdate();
                });
    }

    /** Stores a re-wrapped data key if the row is still wrapped by {@code fromKekId}; 0 when it changed meanwhile. */
    int rewrap(String id, String fromKekId, WrappedKey w, Instant now) {
        return jdbc.prepareStatement("UPDATE broker_secret SET kek_id = ?, wrapped_key = ?, wrap_nonce = ?,"
                + " rotated_at = ? WHERE id = ? AND kek_id = ?", ps -> {
                    ps.setString(1, w.kekId());
                    ps.setString(2, b64(w.key()));
                    ps.setString(3, w.nonce() == null ? null : b64(w.nonce()));
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setString(5, id);
                    ps.setString(6, fromKekId);
                    return ps.executeUpdate();
                });
    }

    /** Up to {@code limit} rows whose data key another KEK than {@code kekId} wrapped, in id order. */
    List<Row> notWrappedBy(String kekId, int limit) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM broker_secret WHERE kek_id <> ? ORDER BY id"
                + " FETCH FIRST " + limit + " ROWS ONLY", ps -> {
                    ps.setString(1, kekId);
                    return rows(ps);
                });
    }

    List<String> names(String owner) {
        return jdbc.prepareStatement("SELECT name FROM broker_secret WHERE owner = ? ORDER BY name", ps -> {
            ps.setString(1, owner);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    int deleteOwner(String owner) {
        return jdbc.prepareStatement("DELETE FROM broker_secret WHERE owner = ?", ps -> {
            ps.setString(1, owner);
            return ps.executeUpdate();
        });
    }

    /** Every KEK id data keys are wrapped by, with how many. */
    java.util.Map<String, Long> countByKek() {
        return jdbc.prepareStatement("SELECT kek_id, COUNT(*) FROM broker_secret GROUP BY kek_id ORDER BY kek_id",
                ps -> {
                    java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                    return counts;
                });
    }

    private static int crypto(PreparedStatement ps, int first, SealedSecret s) throws SQLException {
        WrappedKey w = s.wrappedKey();
        ps.setInt(first, s.version());
        ps.setString(first + 1, w.kekId());
        ps.setString(first + 2, b64(w.key()));
        ps.setString(first + 3, w.nonce() == null ? null : b64(w.nonce()));
        ps.setString(first + 4, b64(s.nonce()));
        ps.setString(first + 5, b64(s.ciphertext()));
        return first + 6;
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    private static Row row(ResultSet rs) throws SQLException {
        String wrapNonce = rs.getString("wrap_nonce");
        WrappedKey w = new WrappedKey(rs.getString("kek_id"), unb64(rs.getString("wrapped_key")),
                wrapNonce == null ? null : unb64(wrapNonce));
        SealedSecret s = new SealedSecret(rs.getInt("format_version"), unb64(rs.getString("nonce")),
                unb64(rs.getString("ciphertext")), w);
        return new Row(rs.getString("id"), rs.getString("owner"), rs.getString("name"),
                rs.getBoolean("agent_accessible"), s);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] unb64(String text) {
        return Base64.getDecoder().decode(text);
    }
}
