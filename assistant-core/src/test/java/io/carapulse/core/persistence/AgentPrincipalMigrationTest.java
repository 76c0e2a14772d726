package io.carapulse.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.testkit.db.PostgresFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V24 on H2 and PostgreSQL: an agent token's integration linked before it is named by its principal
 * ({@code token:<id>}) after it, and still references its token; other integrations name no agent; a plan a
 * runbook made before it still acts as the runbook (its steps are not marked edited).
 */
class AgentPrincipalMigrationTest {

    private static final Map<String, String> EXPECTED = Map.of(
            "int_agent", "token:tok_agent|tok_agent",
            "int_global", "null|null",
            "pln_1", "false");

    @Test
    void shouldNameTokenAgentsAsPrincipalsOnH2() throws SQLException {
        String url = "jdbc:h2:mem:v23-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        assertThat(migrate(url, "sa", "")).isEqualTo(EXPECTED);
    }

    @Test
    void shouldNameTokenAgentsAsPrincipalsOnPostgres() throws SQLException {
        PostgresFixture.Database db = PostgresFixture.newDatabase();
        assertThat(migrate(db.jdbcUrl(), db.username(), db.password())).isEqualTo(EXPECTED);
    }

    /** Migrates to V23, writes rows as V23 did, migrates on; each row's agent columns (or a plan's steps_edited). */
    private static Map<String, String> migrate(String url, String user, String password) throws SQLException {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("23").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("INSERT INTO api_token (id, name, token_hash, roles, created_by, created_at, agent)"
                    + " VALUES ('tok_agent', 'bot', 'h', 'viewer', 'test', CURRENT_TIMESTAMP, TRUE)");
            st.execute("INSERT INTO integration (id, provider, auth_type, scope, global_provider, base_url, status,"
                    + " created_by, created_at, agent_id) VALUES ('int_agent', 'github', 'pat', 'agent', NULL,"
                    + " 'https://api.github.com', 'active', 'admin', CURRENT_TIMESTAMP, 'tok_agent')");
            st.execute("INSERT INTO integration (id, provider, auth_type, scope, global_provider, base_url, status,"
                    + " created_by, created_at) VALUES ('int_global', 'github', 'pat', 'global', 'github',"
                    + " 'https://api.github.com', 'active', 'admin', CURRENT_TIMESTAMP)");
            st.execute("INSERT INTO plan (id, environment, summary, requester, status, fingerprint,"
                    + " requires_approval, break_glass, created_at, updated_at, version) VALUES ('pln_1', 'prod',"
                    + " 's', 'token:tok_x', 'READY', 'f', FALSE, FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");
            st.execute("INSERT INTO plan_origin (plan_id, runbook, runbook_version, params_json, trigger_kind)"
                    + " VALUES ('pln_1', 'nightly', 1, '{}', 'schedule')");
        }
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, agent, agent_id FROM integration ORDER BY id")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2) + "|" + rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT plan_id, steps_edited FROM plan_origin")) {
                while (rs.next()) {
                    out.put(rs.getString(1), String.valueOf(rs.getBoolean(2)));
                }
            }
        }
        return out;
    }
}
