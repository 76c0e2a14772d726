package io.carapulse.core.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.api.dto.IntegrationView;
import io.carapulse.core.common.Ids;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agent-scoped integrations in the database, on H2 and PostgreSQL (V19, V24): at most one per provider per
 * agent held by a unique constraint (so two links racing cannot both win) for every kind of agent (token,
 * OIDC subject, runbook), the agent look-up by id or name (active agent tokens only), and the {@code agent}
 * filter.
 */
abstract class AgentIntegrationRowsContract implements TestPropertyProvider {

    @Inject IntegrationRows rows;
    @Inject AgentDirectory agents;
    @Inject TransactionOperations<Connection> tx;
    @Inject JdbcOperations jdbc;

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(Map.of("carapulse.broker.key-encryption-key", "file:" + IntegrationApiTest.KEY_FILE));
    }

    @BeforeEach
    void clean() {
        IntegrationTables.clear(tx, jdbc);
    }

    @Test
    void shouldHoldAtMostOneIntegrationPerProviderPerAgent() {
        String a = "token:" + token("agent-a", true, false);
        String b = "token:" + token("agent-b", true, false);
        IntegrationView first = view("github", a);
        write(first);
        write(view("gitlab", a));
        write(view("github", b));
        write(view("github", null)); // a global one: agent_id NULL does not collide

        Throwable second = catchThrowable(() -> write(view("github", a)));

        assertThat(Integrations.uniqueViolation(second)).as(String.valueOf(second)).isTrue();
        assertThat(holder("github", a)).contains(first.id());
        assertThat(holder("jira", a)).isEmpty();
        assertThat(list(null, null, a)).extracting(IntegrationView::agent).containsOnly(a).hasSize(2);
        assertThat(list("github", null, b)).hasSize(1);
        IntegrationView found = tx.executeRead(s -> rows.find(first.id())).orElseThrow();
        assertThat(found).isEqualTo(first);
        assertThat(list(null, "prod", null)).extracting(IntegrationView::scope).containsOnly("global");
        String tokenId = tx.executeRead(s -> jdbc.prepareStatement("SELECT agent_id FROM integration WHERE id = ?", ps -> {
            ps.setString(1, first.id());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }));
        assertThat(tokenId).as("a token agent's row still references its token").isEqualTo(a.substring("token:".length()));
    }

    @Test
    void shouldHoldAtMostOneIntegrationPerProviderForRunbooksAndOidcAgentsToo() {
        String runbook = "runbook:nightly-" + Ids.token().substring(4).toLowerCase(java.util.Locale.ROOT);
        String oidc = "oidc:bot-" + Ids.token().substring(4);
        IntegrationView first = view("github", runbook);
        write(first);
        write(view("github", oidc));
        write(view("gitlab", runbook));

        assertThat(Integrations.uniqueViolation(catchThrowable(() -> write(view("github", runbook))))).isTrue();
        assertThat(Integrations.uniqueViolation(catchThrowable(() -> write(view("github", oidc))))).isTrue();
        assertThat(holder("github", runbook)).contains(first.id());
        assertThat(list(null, null, runbook)).hasSize(2);
    }

    @Test
    void shouldFindActiveAgentsByIdOrNameOnly() {
        String unique = "agent-" + Ids.token().substring(4);
        String id = token(unique, true, false);
        String revoked = token(unique + "-revoked", true, true);
        String person = token(unique + "-plain", false, false);
        token(unique + "-twin", true, false);
        token(unique + "-twin", true, false);

        assertThat(agent(id).name()).isEqualTo(unique);
        assertThat(agent(unique).id()).isEqualTo("token:" + id);
        assertThat(agent("token:" + id).id()).isEqualTo("token:" + id);
        for (String ref : List.of(revoked, unique + "-revoked", person, unique + "-plain", "nobody")) {
            Throwable t = catchThrowable(() -> agent(ref));
            assertThat(t).isInstanceOf(Refusal.class).hasMessage("agent: Agent '" + ref + "' not found");
        }
        Throwable twin = catchThrowable(() -> agent(unique + "-twin"));
        assertThat(twin).hasMessageContaining("ambiguous").hasMessageContaining("give the token id");
    }

    private AgentDirectory.Agent agent(String ref) {
        return tx.executeRead(s -> agents.require("agent", ref));
    }

    private java.util.Optional<String> holder(String provider, String agent) {
        return tx.executeRead(s -> rows.agentHolder(provider, agent));
    }

    private List<IntegrationView> list(String provider, String environment, String agent) {
        return tx.executeRead(s -> rows.list(provider, environment, agent));
    }

    private String token(String name, boolean agent, boolean revoked) {
        String id = Ids.token();
        tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO api_token (id, name, token_hash, roles, created_by,"
                + " created_at, revoked_at, agent) VALUES (?,?,?,?,?,?,?,?)", ps -> {
                    ps.setString(1, id);
                    ps.setString(2, name);
                    ps.setString(3, id + "-hash");
                    ps.setString(4, "viewer");
                    ps.setString(5, "test");
                    ps.setTimestamp(6, Timestamp.from(Instant.parse("2026-12-07T16:00:00Z")));
                    ps.setTimestamp(7, revoked ? Timestamp.from(Instant.parse("2026-12-07T17:00:00Z")) : null);
                    ps.setBoolean(8, agent);
                    return ps.executeUpdate();
                }));
        return id;
    }

    private void write(IntegrationView v) {
        tx.executeWrite(s -> {
            rows.insert(v);
            return null;
        });
    }

    private static IntegrationView view(String provider, String agent) {
        return new IntegrationView(Ids.integration(), provider, "pat", agent == null ? "global" : "agent", List.of(),
                "https://api.example.com", "bot", "42", List.of(), "active", "admin",
                Instant.parse("2026-12-07T16:00:00Z"), agent);
    }

}
