package io.carapulse.core.broker.integration;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The agents an integration may belong to: API tokens created as agents ({@code api_token.agent}, V19)
 * and not revoked. An agent is named by its token id or, when that is unambiguous, its name. Callers run
 * this inside a transaction.
 */
@Singleton
class AgentDirectory {

    private final JdbcOperations jdbc;

    AgentDirectory(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** An agent: its token id and name. */
    record Agent(String id, String name) {
    }

    /**
     * The active agent named {@code ref} (a token id, else a token name).
     *
     * @throws Refusal 422 {@code validation_failed} {@code Agent 'x' not found} for an unknown or revoked
     *                 token, or one not created as an agent; naming the ids when two agents share the name
     */
    Agent require(String field, String ref) {
        if (ref == null || ref.isBlank()) {
            throw Refusal.invalid(field, "must name an agent (its token id or name)");
        }
        List<Agent> byId = agents("SELECT id, name FROM api_token WHERE id = ? AND agent = TRUE AND revoked_at IS NULL", ref);
        if (!byId.isEmpty()) {
            return byId.get(0);
        }
        List<Agent> byName = agents("SELECT id, name FROM api_token WHERE name = ? AND agent = TRUE AND revoked_at IS NULL"
                + " ORDER BY id", ref);
        if (byName.size() > 1) {
            throw Refusal.invalid(field, "Agent '" + ref + "' is ambiguous: " + byName.size()
                    + " agents have that name (" + String.join(", ", byName.stream().map(Agent::id).toList())
                    + "); give the token id");
        }
        if (byName.isEmpty()) {
            throw Refusal.invalid(field, "Agent '" + ref + "' not found");
        }
        return byName.get(0);
    }

    private List<Agent> agents(String sql, String param) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, param);
            List<Agent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Agent(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        });
    }
}
