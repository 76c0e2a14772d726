package io.carapulse.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.http.UnexpectedExceptionHandler;
import io.carapulse.core.token.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A lock that is really not granted in time (the lock timeout is set to 300 ms here and the audit chain
 * head is held until the request has been answered): {@code 503 unavailable} with {@code Retry-After},
 * nothing stored, and one log line that names the cause, on H2 and on PostgreSQL.
 */
abstract class LockTimeoutContract {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject AuditService audit;
    @Inject TransactionOperations<Connection> tx;

    private final ExecutorService threads = Executors.newSingleThreadExecutor();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    @BeforeEach
    void captureLog() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
        threads.shutdownNow();
    }

    @Test
    void shouldAnswerUnavailableWithRetryAfterAndLogTheCauseWhenALockIsNotGrantedInTime() throws Exception {
        String operator = tokens.create(Actor.SYSTEM, "lock-operator", List.of("operator")).token();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> tx.executeWrite(s -> {
            audit.lockHead();
            locked.countDown();
            try {
                return answered.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> refused;
        try {
            refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/plans"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"environment\":\"prod\",\"summary\":\"blocked\","
                            + "\"steps\":[{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"x\"}}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            answered.countDown();
            holder.get(60, TimeUnit.SECONDS);
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"code\":\"unavailable\"").contains("lock was not granted in time");
        assertThat(logs.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).contains("POST /v1/plans",
                    "a database lock was not granted in time (CARAPULSE_DB_LOCK_TIMEOUT_MS)");
            assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
        });
        TestHttp http = new TestHttp(server.getURL());
        assertThat(http.get("/v1/plans", operator).json().toString()).doesNotContain("blocked");
    }
}
