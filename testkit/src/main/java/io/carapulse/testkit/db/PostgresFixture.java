package io.carapulse.testkit.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: one server per JVM, started on first use and stopped by a shutdown
 * hook, with a fresh database per {@link #newDatabase()} call.
 *
 * <p>Tests get a real peer instead of H2 (STYLE 8) at the cost of starting PostgreSQL once per
 * test JVM (a few seconds). Each database belongs to its own non-superuser role, so a test sees
 * the same privileges a production deployment would, and two tests never see each other's tables.
 *
 * <pre>{@code
 * PostgresFixture.Database db = PostgresFixture.newDatabase();
 * try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) { ... }
 * }</pre>
 */
public final class PostgresFixture {

    /** Guards {@link #server}; also serialises CREATE DATABASE, which copies template1. */
    private static final Object LOCK = new Object();

    private static EmbeddedPostgres server;

    private PostgresFixture() {
    }

    /**
     * Connection details of one database created by {@link #newDatabase()}.
     *
     * @param jdbcUrl  {@code jdbc:postgresql://localhost:<port>/<name>}, without credentials
     * @param username the role that owns the database
     * @param password that role's password
     */
    public record Database(String jdbcUrl, String username, String password) {

        /** The Micronaut properties that point the default datasource at this database. */
        public java.util.Map<String, String> datasourceProperties() {
            return java.util.Map.of("datasources.default.url", jdbcUrl,
                    "datasources.default.username", username,
                    "datasources.default.password", password,
                    "datasources.default.driver-class-name", "org.postgresql.Driver");
        }

        @Override
        public String toString() {
            // keeps the password out of test logs and assertion messages
            return "Database[jdbcUrl=" + jdbcUrl + ", username=" + username + "]";
        }
    }

    /**
     * Creates an empty database owned by a new role and returns how to reach it. Starts the server
     * on the first call. Safe to call from several threads.
     *
     * @throws IllegalStateException if PostgreSQL cannot be started or the database not created
     */
    public static Database newDatabase() {
        synchronized (LOCK) {
            EmbeddedPostgres pg = server();
            String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            String name = "carapulse_" + suffix;
            String password = UUID.randomUUID().toString();
            // names and password are generated here from [a-z0-9-], so inlining them is safe;
            // CREATE ROLE/DATABASE take no bind parameters
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
                st.execute("CREATE DATABASE " + name + " OWNER " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create test database " + name, e);
            }
            String url = String.format(Locale.ROOT, "jdbc:postgresql://localhost:%d/%s", pg.getPort(), name);
            return new Database(url, name, password);
        }
    }

    /**
     * The server's data directory, after a {@code CHECKPOINT} has written every change to its files: what an
     * attacker with a copy of the disk or a file-level backup sees (tables, indexes, the write-ahead log).
     */
    public static java.nio.file.Path checkpointedDataDirectory() {
        synchronized (LOCK) {
            try (Connection c = server().getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CHECKPOINT");
                try (java.sql.ResultSet rs = st.executeQuery("SHOW data_directory")) {
                    rs.next();
                    return java.nio.file.Path.of(rs.getString(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not checkpoint the test PostgreSQL", e);
            }
        }
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "postgres-fixture-stop"));
        }
        return server;
    }

    private static void stop(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // the JVM is exiting; there is nobody left to handle this but the build log
            throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
        }
    }
}
