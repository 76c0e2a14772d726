package io.carapulse.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PostgresFixtureTest {

    @Test
    void shouldCreateADatabaseThatStoresAndReturnsRows() throws SQLException {
        PostgresFixture.Database db = PostgresFixture.newDatabase();

        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE plan (id bigint PRIMARY KEY, title text NOT NULL)");
            st.execute("INSERT INTO plan VALUES (1, 'scale web'), (2, 'rollback api')");
            try (ResultSet rs = st.executeQuery("SELECT title FROM plan ORDER BY id")) {
                List<String> titles = new ArrayList<>();
                while (rs.next()) {
                    titles.add(rs.getString(1));
                }
                assertThat(titles).containsExactly("scale web", "rollback api");
            }
        }
    }

    @Test
    void shouldRunRealPostgresql() throws SQLException {
        PostgresFixture.Database db = PostgresFixture.newDatabase();

        try (Connection c = connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version()")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("PostgreSQL ");
        }
    }

    @Test
    void shouldIsolateTwoDatabases() throws SQLException {
        PostgresFixture.Database first = PostgresFixture.newDatabase();
        PostgresFixture.Database second = PostgresFixture.newDatabase();

        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        try (Connection c = connect(first); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE only_here (id int)");
        }
        try (Connection c = connect(second); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("SELECT * FROM only_here"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("only_here");
        }
    }

    @Test
    void shouldGiveEachDatabaseANonSuperuserOwner() throws SQLException {
        PostgresFixture.Database db = PostgresFixture.newDatabase();

        try (Connection c = connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(db.username());
            assertThat(rs.getBoolean(2)).isFalse();
        }
    }

    @Test
    void shouldCreateDistinctDatabasesFromSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PostgresFixture.Database>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(PostgresFixture::newDatabase));
            }
            List<String> urls = new ArrayList<>();
            for (Future<PostgresFixture.Database> f : futures) {
                PostgresFixture.Database db = f.get();
                try (Connection c = connect(db)) {
                    assertThat(c.isValid(5)).isTrue();
                }
                urls.add(db.jdbcUrl());
            }
            assertThat(urls).doesNotHaveDuplicates().hasSize(8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldKeepThePasswordOutOfToString() {
        PostgresFixture.Database db = PostgresFixture.newDatabase();

        assertThat(db.toString()).contains(db.jdbcUrl()).doesNotContain(db.password());
    }

    private static Connection connect(PostgresFixture.Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
