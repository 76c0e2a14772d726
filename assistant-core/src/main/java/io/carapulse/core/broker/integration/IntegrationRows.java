package io.carapulse.core.broker.integration;

import io.carapulse.api.dto.IntegrationView;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code integration} and {@code integration_environment} tables (V18; agents V19, V24). No credential is in them (the
 * secrets are in {@code broker_secret}). Callers run these inside a transaction.
 */
@Singleton
class IntegrationRows {

    static final String ACTIVE = "active";
    private static final String TOKEN = "token:";

    private final JdbcOperations jdbc;

    IntegrationRows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    void insert(IntegrationView v) {
        jdbc.prepareStatement("INSERT INTO integration (id, provider, auth_type, scope, global_provider, base_url,"
                + " username, external_id, scopes, status, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", ps -> {
                    ps.setString(1, v.id());
                    ps.setString(2, v.provider());
                    ps.setString(3, v.authType());
                    ps.setString(4, v.scope());
                    ps.setString(5, "global".equals(v.scope()) ? v.provider() : null);
                    ps.setString(6, v.baseUrl());
                    ps.setString(7, v.username());
                    ps.setString(8, v.externalId());
                    ps.setString(9, v.scopes().isEmpty() ? null : String.join(",", v.scopes()));
                    ps.setString(10, v.status());
                    ps.setString(11, v.createdBy());
                    ps.setTimestamp(12, Timestamp.from(v.createdAt()));
                    return ps.executeUpdate();
                });
        if (v.agent() != null) {
            String tokenId = v.agent().startsWith(TOKEN) ? v.agent().substring(TOKEN.length()) : null;
            jdbc.prepareStatement("UPDATE integration SET agent = ?, agent_id = ? WHERE id = ?", ps -> {
                ps.setString(1, v.agent());
                ps.setString(2, tokenId);
                ps.setString(3, v.id());
                return ps.executeUpdate();
            });
        }
        for (String env : v.environments()) {
            jdbc.prepareStatement("INSERT INTO integration_environment (integration_id, provider, environment)"
                    + " VALUES (?,?,?)", ps -> {
                        ps.setString(1, v.id());
                        ps.setString(2, v.provider());
                        ps.setString(3, env);
                        return ps.executeUpdate();
                    });
        }
    }

    Optional<IntegrationView> find(String id) {
        return select("WHERE i.id = ?", id).stream().findFirst();
    }

    /** Newest first; {@code provider} and {@code environment} (integrations scoped to it, and global ones) optional. */
    List<IntegrationView> list(String provider, String environment) {
        return list(provider, environment, null);
    }

    /** {@link #list(String, String)}, and only those of the agent {@code agent} (a principal, {@code token:<id>}) when given. */
    List<IntegrationView> list(String provider, String environment, String agent) {
        List<String> where = new ArrayList<>();
        if (agent != null) {
            where.add("i.agent = ?");
        }
        List<String> params = new ArrayList<>();
        if (agent != null) {
            params.add(agent);
        }
        if (provider != null) {
            where.add("i.provider = ?");
            params.add(provider);
        }
        if (environment != null) {
            where.add("(i.scope = 'global' OR EXISTS (SELECT 1 FROM integration_environment f"
                    + " WHERE f.integration_id = i.id AND f.environment = ?))");
            params.add(environment);
        }
        return select(where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where), params.toArray(String[]::new));
    }

    /** The global integration of {@code provider}, if there is one. */
    Optional<String> global(String provider) {
        return ids("SELECT id FROM integration WHERE global_provider = ?", provider).stream().findFirst();
    }

    /** The integration of {@code provider} scoped to {@code environment}, if there is one. */
    Optional<String> holder(String provider, String environment) {
        return ids("SELECT integration_id FROM integration_environment WHERE provider = ? AND environment = ?",
                provider, environment).stream().findFirst();
    }

    /**
     * The integration of {@code provider} scoped to the agent {@code agent} (a principal: {@code token:<id>},
     * {@code oidc:<sub>}, {@code runbook:<name>}), if there is one.
     */
    Optional<String> agentHolder(String provider, String agent) {
        return ids("SELECT id FROM integration WHERE provider = ? AND agent = ?", provider, agent).stream().findFirst();
    }

    /** Deletes the integration and its environments; how many integrations (0 or 1). */
    int delete(String id) {
        jdbc.prepareStatement("DELETE FROM integration_environment WHERE integration_id = ?", ps -> {
            ps.setString(1, id);
            return ps.executeUpdate();
        });
        return jdbc.prepareStatement("DELETE FROM integration WHERE id = ?", ps -> {
            ps.setString(1, id);
            return ps.executeUpdate();
        });
    }

    private List<String> ids(String sql, String... params) {
        return jdbc.prepareStatement(sql, ps -> {
            bind(ps, params);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private List<IntegrationView> select(String where, String... params) {
        Map<String, List<String>> envs = new LinkedHashMap<>();
        jdbc.prepareStatement("SELECT e.integration_id, e.environment FROM integration_environment e"
                + " JOIN integration i ON i.id = e.integration_id " + where + " ORDER BY e.environment", ps -> {
                    bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            envs.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                        }
                    }
                    return null;
                });
        return jdbc.prepareStatement("SELECT i.* FROM integration i " + where + " ORDER BY i.created_at DESC, i.id DESC",
                ps -> {
                    bind(ps, params);
                    List<IntegrationView> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(view(rs, envs.getOrDefault(rs.getString("id"), List.of())));
                        }
                    }
                    return out;
                });
    }

    private static void bind(PreparedStatement ps, String... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setString(i + 1, params[i]);
        }
    }

    private static IntegrationView view(ResultSet rs, List<String> environments) throws SQLException {
        String scopes = rs.getString("scopes");
        return new IntegrationView(rs.getString("id"), rs.getString("provider"), rs.getString("auth_type"),
                rs.getString("scope"), List.copyOf(environments), rs.getString("base_url"), rs.getString("username"),
                rs.getString("external_id"), scopes == null ? List.of() : Arrays.asList(scopes.split(",")),
                rs.getString("status"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("agent"));
    }
}
