package io.carapulse.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The local admin token: created on server start, kept while it works, replaced when it does not. */
class LocalTokenBootstrapTest {

    @TempDir
    Path tmp;

    private Path home;
    private Map<String, Object> properties;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger carapulseLogger;
    private Level previousLevel;

    @BeforeEach
    void setUp() {
        home = tmp.resolve("home");
        // one database for every start of this test, as a real installation has
        properties = Map.of(
                "carapulse.home", home.toString(),
                "carapulse.bootstrap.local-token", true,
                "micronaut.server.port", -1,
                "datasources.default.url", "jdbc:h2:mem:bootstrap-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        carapulseLogger = context.getLogger("io.carapulse");
        previousLevel = carapulseLogger.getLevel();
        carapulseLogger.setLevel(Level.DEBUG);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .detachAppender(logs);
        carapulseLogger.setLevel(previousLevel);
    }

    private EmbeddedServer start() {
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    private String tokenInFile() throws IOException {
        return Files.readString(home.resolve("token"), StandardCharsets.UTF_8).strip();
    }

    @Test
    void shouldWriteAWorkingAdminTokenReadableByTheOwnerOnly() throws IOException {
        try (EmbeddedServer server = start()) {
            Path file = home.resolve("token");
            String token = tokenInFile();

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
            assertThat(token).matches("cpt_[A-Za-z0-9_-]{43}");
            TestHttp.Response me = new TestHttp(server.getURL()).get("/v1/me", token);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().path("name").asText()).isEqualTo("local-admin");
            assertThat(me.json().path("roles").toString()).isEqualTo("[\"admin\"]");
            assertThat(new TestHttp(server.getURL()).get("/v1/tokens", token).status()).isEqualTo(200);
            assertThat(bootstrapAudits(server)).isEqualTo(1);
            try (var leftovers = Files.list(home)) {
                assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("token");
            }
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(file.toString()));
            assertNeverLogged(token);
        }
    }

    @Test
    void shouldKeepAWorkingTokenOnTheNextStart() throws IOException {
        String first;
        try (EmbeddedServer ignored = start()) {
            first = tokenInFile();
        }
        try (EmbeddedServer server = start()) {
            assertThat(tokenInFile()).isEqualTo(first);
            assertThat(bootstrapAudits(server)).isEqualTo(1);
            assertNeverLogged(first);
        }
    }

    @Test
    void shouldReplaceARevokedToken() throws IOException {
        String revoked;
        try (EmbeddedServer server = start()) {
            revoked = tokenInFile();
            TokenService tokens = server.getApplicationContext().getBean(TokenService.class);
            String id = tokens.list(Actor.SYSTEM, null, 10, 0).items().get(0).id();
            tokens.revoke(Actor.SYSTEM, id);
        }
        try (EmbeddedServer server = start()) {
            String replacement = tokenInFile();

            assertThat(replacement).isNotEqualTo(revoked);
            assertThat(new TestHttp(server.getURL()).get("/v1/me", replacement).status()).isEqualTo(200);
            assertThat(new TestHttp(server.getURL()).get("/v1/me", revoked).status()).isEqualTo(401);
            assertNeverLogged(replacement);
        }
    }

    @Test
    void shouldReplaceAnUnknownTokenAndTightenTheFileMode() throws IOException {
        Files.createDirectories(home);
        Path file = home.resolve("token");
        String unknown = "cpt_" + "B".repeat(43);
        Files.writeString(file, unknown + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (EmbeddedServer server = start()) {
            String replacement = tokenInFile();

            assertThat(replacement).isNotEqualTo(unknown).startsWith("cpt_");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(new TestHttp(server.getURL()).get("/v1/me", replacement).status()).isEqualTo(200);
        }
    }

    private void assertNeverLogged(String token) {
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(token);
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(token);
            }
        });
    }

    private static long bootstrapAudits(EmbeddedServer server) {
        JdbcOperations jdbc = server.getApplicationContext().getBean(JdbcOperations.class);
        return jdbc.execute(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE action = 'token.bootstrap'"
                    + " AND actor = 'system' AND decision = 'ALLOW'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
