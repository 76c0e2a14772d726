package io.carapulse.core.broker.integration;

import io.carapulse.core.auth.OidcConfiguration;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agents an integration may belong to, each named as a principal the way the audit and capabilities
 * name it: {@code token:<id>}, an API token created as an agent ({@code api_token.agent}, V19) and not revoked;
 * {@code oidc:<sub>}, an external agent signed in through OIDC ({@code carapulse.auth.oidc.agents});
 * {@code runbook:<name>}, a runbook that is not retired, for the plans its runs make. A token agent may also be
 * named by its bare token id or, when that is unambiguous, its name. Callers run this inside a transaction.
 */
@Singleton
class AgentDirectory {

    static final String TOKEN = "token:";
    static final String OIDC = "oidc:";
    static final String RUNBOOK = "runbook:";

    private final JdbcOperations jdbc;
    private final Optional<OidcConfiguration> oidc;

    AgentDirectory(JdbcOperations jdbc, Optional<OidcConfiguration> oidc) {
        this.jdbc = jdbc;
        this.oidc = oidc;
    }

    /** An agent: its principal ({@code token:<id>}, {@code oidc:<sub>}, {@code runbook:<name>}) and what people call it. */
    record Agent(String id, String name) {
    }

    /**
     * The agent named {@code ref}.
     *
     * @throws Refusal 422 {@code validation_failed} {@code Agent 'x' not found} for an unknown or revoked token, a
     *                 token not created as an agent, an OIDC subject not listed as an agent, a runbook that does not
     *                 exist or is retired; naming the ids when two agent tokens share the name
     */
    Agent require(String field, String ref) {
        if (ref == null || ref.isBlank()) {
            throw Refusal.invalid(field, "must name an agent: an agent token's id or name, oidc:<sub> or runbook:<name>");
        }
        if (ref.startsWith(OIDC)) {
            String sub = ref.substring(OIDC.length());
            if (oidc.isEmpty()) {
                throw Refusal.invalid(field, "Agent '" + ref + "' not found: OIDC is not configured (carapulse.auth.oidc)");
            }
            if (!oidc.get().agents().contains(sub)) {
                throw Refusal.invalid(field, "Agent '" + ref + "' not found: carapulse.auth.oidc.agents does not list '"
                        + sub + "'");
            }
            return new Agent(ref, sub);
        }
        if (ref.startsWith(RUNBOOK)) {
            String name = ref.substring(RUNBOOK.length());
            List<Boolean> retired = jdbc.prepareStatement("SELECT retired FROM runbook WHERE name = ?", ps -> {
                ps.setString(1, name);
                List<Boolean> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getBoolean(1));
                    }
                }
                return out;
            });
            if (retired.isEmpty()) {
                throw Refusal.invalid(field, "Agent '" + ref + "' not found: there is no runbook '" + name + "'");
            }
            if (retired.get(0)) {
                throw Refusal.invalid(field, "Agent '" + ref + "' not found: runbook '" + name + "' is retired");
            }
            return new Agent(ref, name);
        }
        String token = ref.startsWith(TOKEN) ? ref.substring(TOKEN.length()) : ref;
        List<Agent> byId = agents("SELECT id, name FROM api_token WHERE id = ? AND agent = TRUE AND revoked_at IS NULL", token);
        if (!byId.isEmpty()) {
            return byId.get(0);
        }
        List<Agent> byName = agents("SELECT id, name FROM api_token WHERE name = ? AND agent = TRUE AND revoked_at IS NULL"
                + " ORDER BY id", token);
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
                    out.add(new Agent(TOKEN + rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        });
    }
}
