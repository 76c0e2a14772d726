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
 * V6 on H2 and PostgreSQL: requests made before it keep "the requester may not approve" across
 * channels, a person's address taken for their email; a token's name never is.
 */
class RequesterEmailMigrationTest {

    @Test
    void shouldTakeAPersonsAddressFromRequestsMadeBeforeV6OnH2() throws SQLException {
        String url = "jdbc:h2:mem:v4-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        assertThat(migrate(url, "sa", "")).containsExactly(
                Map.entry("apr_person", "alice@example.com"),
                Map.entry("apr_sub", "null"),
                Map.entry("apr_token", "null"));
    }

    @Test
    void shouldTakeAPersonsAddressFromRequestsMadeBeforeV6OnPostgres() throws SQLException {
        PostgresFixture.Database db = PostgresFixture.newDatabase();
        assertThat(migrate(db.jdbcUrl(), db.username(), db.password())).containsExactly(
                Map.entry("apr_person", "alice@example.com"),
                Map.entry("apr_sub", "null"),
                Map.entry("apr_token", "null"));
    }

    /** Migrates to V5, writes requests as V5 did, migrates on; the requester emails by approval id. */
    private static Map<String, String> migrate(String url, String user, String password) throws SQLException {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("5").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("INSERT INTO plan (id, environment, summary, requester, status, fingerprint,"
                    + " requires_approval, break_glass, created_at, updated_at, version) VALUES ('pln_1', 'prod',"
                    + " 's', 'oidc:a-1', 'AWAITING_APPROVAL', 'f', TRUE, FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");
            insert(st, "apr_person", "oidc:a-1", "alice@example.com");
            insert(st, "apr_sub", "oidc:s-2", "s-2");
            insert(st, "apr_token", "token:tok_1", "bob.example.com");
        }
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        Map<String, String> emails = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, requested_by_email FROM approval ORDER BY id")) {
            while (rs.next()) {
                emails.put(rs.getString(1), String.valueOf(rs.getString(2)));
            }
        }
        return emails;
    }

    private static void insert(Statement st, String id, String requestedBy, String name) throws SQLException {
        st.execute("INSERT INTO approval (id, plan_id, environment, fingerprint, providers, status, requested_by,"
                + " requested_at, expires_at, version, requested_by_name) VALUES ('" + id + "', 'pln_1', 'prod', 'f',"
                + " 'linear', 'PENDING', '" + requestedBy + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, '" + name + "')");
    }
}
