package io.carapulse.core.broker.integration;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code credential_provider} table (V20). No credential in it. Callers run these inside a transaction. */
@Singleton
class CredentialProviderRows {

    private final JdbcOperations jdbc;

    CredentialProviderRows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    void insert(CredentialProvider p) {
        jdbc.prepareStatement("INSERT INTO credential_provider (id, provider, mode, base_url, target_kind, target_id,"
                + " target_path, scopes, access_level, expires_in_days, username, external_id, created_by, created_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", ps -> {
                    ps.setString(1, p.id());
                    ps.setString(2, Provider.GITLAB.wire());
                    ps.setString(3, p.mode());
                    ps.setString(4, p.baseUrl().toString());
                    ps.setString(5, p.serviceAccounts() ? "group" : "project");
                    ps.setString(6, p.targetId());
                    ps.setString(7, p.targetPath());
                    ps.setString(8, String.join(",", p.scopes()));
                    ps.setInt(9, p.accessLevel());
                    ps.setInt(10, p.expiresInDays());
                    ps.setString(11, p.username());
                    ps.setString(12, p.externalId());
                    ps.setString(13, p.createdBy());
                    ps.setTimestamp(14, Timestamp.from(p.createdAt()));
                    return ps.executeUpdate();
                });
    }

    Optional<CredentialProvider> find(String id) {
        return select("WHERE id = ?", id).stream().findFirst();
    }

    /** Newest first. */
    List<CredentialProvider> list() {
        return select("");
    }

    int delete(String id) {
        return jdbc.prepareStatement("DELETE FROM credential_provider WHERE id = ?", ps -> {
            ps.setString(1, id);
            return ps.executeUpdate();
        });
    }

    private List<CredentialProvider> select(String where, String... params) {
        return jdbc.prepareStatement("SELECT * FROM credential_provider " + where + " ORDER BY created_at DESC, id DESC",
                ps -> {
                    for (int i = 0; i < params.length; i++) {
                        ps.setString(i + 1, params[i]);
                    }
                    List<CredentialProvider> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(row(rs));
                        }
                    }
                    return out;
                });
    }

    private static CredentialProvider row(ResultSet rs) throws SQLException {
        return new CredentialProvider(rs.getString("id"), rs.getString("mode"), URI.create(rs.getString("base_url")),
                rs.getString("target_id"), rs.getString("target_path"), Arrays.asList(rs.getString("scopes").split(",")),
                rs.getInt("access_level"), rs.getInt("expires_in_days"), rs.getString("username"),
                rs.getString("external_id"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
