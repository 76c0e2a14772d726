package io.carapulse.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.data.exceptions.OptimisticLockException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** S9: a database that cannot answer is a 503 that says nothing changed; a bug is a 500 without internals. */
class UnexpectedExceptionHandlerTest {

    private final List<String> audited = new ArrayList<>();
    private final Refusals refusals = new Refusals(null, null) {
        @Override
        public void conflict(HttpRequest<?> request, ProblemCode code, String detail) {
            audited.add(code.code());
        }

        @Override
        public void refused(HttpRequest<?> request, ProblemException refusal) {
        }
    };

    private final AtomicLong nanos = new AtomicLong();
    private final UnexpectedExceptionHandler handler = new UnexpectedExceptionHandler(refusals, new UnavailableLog(nanos::get));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    @BeforeEach
    void captureLog() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logs);
    }

    /** What H2 (SQLState HYT00) and PostgreSQL (55P03) raise when a row lock is not granted within the lock timeout. */
    private static RuntimeException lockTimeout(String sqlState) {
        SQLException cause = sqlState.equals("HYT00")
                ? new SQLTimeoutException("Timeout trying to lock table \"audit_head\"; SQL statement:\nSELECT …", sqlState, 50200)
                : new SQLException("ERROR: canceling statement due to lock timeout", sqlState);
        return new DataAccessException("Error executing SQL", cause);
    }

    private List<String> warnings() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void shouldAskTheClientToRetryAndLogTheLockTimeoutOncePerTenSeconds() {
        for (String state : List.of("HYT00", "55P03", "HYT00")) {
            HttpResponse<?> r = handler.handle(HttpRequest.POST("/v1/plans", ""), lockTimeout(state));
            assertThat(r.code()).isEqualTo(503);
            assertThat(r.getHeaders().get("Retry-After")).isEqualTo("2");
            assertThat(body(r)).containsEntry("code", "unavailable");
            assertThat(body(r).get("detail").toString()).contains("lock was not granted in time");
        }
        assertThat(warnings()).singleElement().asString()
                .contains("POST /v1/plans", "a database lock was not granted in time (CARAPULSE_DB_LOCK_TIMEOUT_MS)",
                        "Timeout trying to lock table \"audit_head\"")
                .doesNotContain("SELECT").doesNotContain("\n");
        assertThat(logs.list.get(0).getThrowableProxy()).as("no stack trace").isNull();

        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        handler.handle(HttpRequest.POST("/v1/plans/x/execute", ""), lockTimeout("55P03"));

        assertThat(warnings()).hasSize(2);
        assertThat(warnings().get(1)).contains("POST /v1/plans/x/execute", "lock timeout", "2 more requests refused");
    }

    @Test
    void shouldTellAnExhaustedPoolFromALockTimeoutInTheLog() {
        handler.handle(HttpRequest.POST("/v1/plans", ""), lockTimeout("HYT00"));
        HttpResponse<?> r = handler.handle(HttpRequest.POST("/v1/plans", ""), new DataAccessException("pool",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out "
                        + "after 30000ms (total=10, active=10, idle=0, waiting=7)")));

        assertThat(r.getHeaders().get("Retry-After")).isEqualTo("2");
        assertThat(body(r).get("detail").toString()).contains("no free database connection");
        assertThat(warnings()).hasSize(2);
        assertThat(warnings().get(1)).contains("no database connection was free in time (CARAPULSE_DB_POOL_SIZE",
                "total=10, active=10, idle=0, waiting=7");
    }

    @Test
    void shouldAskTheClientToRetryARefusalForAnUnavailableDependency() {
        HttpResponse<?> r = new ProblemExceptionHandler(refusals).handle(HttpRequest.POST("/v1/plans/x/approval", ""),
                new ProblemException(ProblemCode.UNAVAILABLE, "the on-call directory cannot answer"));

        assertThat(r.code()).isEqualTo(503);
        assertThat(r.getHeaders().get("Retry-After")).isEqualTo("2");
        HttpResponse<?> conflict = new ProblemExceptionHandler(refusals).handle(HttpRequest.POST("/v1/plans/x/execute", ""),
                new ProblemException(ProblemCode.APPROVAL_REQUIRED, "approve first"));
        assertThat(conflict.getHeaders().get("Retry-After")).isNull();
    }

    @Test
    void shouldAnswerALostRaceWithAConflictAndAuditIt() {
        for (RuntimeException lost : List.of(
                new OptimisticLockException("Execute update returned unexpected row count. Expected: 1 got: 0"),
                new DataAccessException("insert", new SQLException("duplicate key value", "23505")),
                new DataAccessException("update", new SQLException("could not serialize access", "40001")))) {
            HttpResponse<?> r = handler.handle(HttpRequest.POST("/v1/plans/x/approval", ""), lost);
            assertThat(r.code()).isEqualTo(409);
            assertThat(body(r)).containsEntry("code", "invalid_state");
            assertThat(body(r).toString()).doesNotContain("row count", "duplicate key", "serialize");
        }
        assertThat(audited).containsExactly("invalid_state", "invalid_state", "invalid_state");
    }

    @Test
    void shouldAnswerUnavailableWhenTheDatabaseCannotBeReached() {
        HttpResponse<?> r = handler.handle(HttpRequest.POST("/v1/plans/x/execute", ""),
                new DataAccessException("pool", new SQLTransientConnectionException("Connection is not available")));
        assertThat(r.code()).isEqualTo(503);
        assertThat(body(r)).containsEntry("code", "unavailable");
        assertThat(r.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(r.getHeaders().get("Retry-After")).isEqualTo("2");
    }

    @Test
    void shouldHideTheInternalsOfABug() {
        HttpResponse<?> r = handler.handle(HttpRequest.GET("/v1/plans"),
                new IllegalStateException("secret internal detail at Foo.java:12"));
        assertThat(r.code()).isEqualTo(500);
        assertThat(body(r)).containsEntry("code", "internal_error");
        assertThat(body(r).toString()).doesNotContain("secret internal detail");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpResponse<?> r) {
        return (Map<String, Object>) r.body();
    }
}
