package io.carapulse.cli.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A real Carapulse server in the test JVM (Micronaut's embedded server on 127.0.0.1 and a random
 * port, an in-memory H2, the fake tool), configured by {@code application-clitest.yml}. Its home
 * directory receives the local admin token, as a server on a laptop would write it.
 */
public final class TestServer implements AutoCloseable {

    private static TestServer shared;

    private final EmbeddedServer server;
    private final Path home;
    private final String jdbcUrl;

    private TestServer() {
        this(Map.of());
    }

    private TestServer(Map<String, Object> extra) {
        try {
            home = Files.createTempDirectory("carapulse-cli-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbcUrl = "jdbc:h2:mem:cli-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Map<String, Object> properties = new java.util.HashMap<>(extra);
        properties.put("carapulse.home", home.toString());
        properties.put("datasources.default.url", jdbcUrl);
        properties.put("datasources.default.username", "sa");
        properties.put("datasources.default.password", "");
        server = ApplicationContext.run(EmbeddedServer.class, properties, "clitest");
    }

    /** The server most tests share, started on first use and stopped when the JVM exits. */
    public static synchronized TestServer shared() {
        if (shared == null) {
            shared = new TestServer();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A server of its own, for a test that damages it (the audit chain); close it after. */
    public static TestServer dedicated() {
        return new TestServer();
    }

    /** A server of its own with extra configuration (a language model, another environment); close it after. */
    public static TestServer dedicated(Map<String, Object> properties) {
        return new TestServer(properties);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    /** The server's CARAPULSE_HOME: the local admin token is {@code home/token}. */
    public Path home() {
        return home;
    }

    /** The server's beans, for a test that must leave state only a crash can (see {@link CrashedReplica}). */
    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** The in-memory database, for a test that tampers with rows behind the server's back. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
