package io.carapulse.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.carapulse.api.error.ProblemCode;
import io.micronaut.data.exceptions.OptimisticLockException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S9: a database that cannot answer is a 503 that says nothing changed; a bug is a 500 without internals. */
class UnexpectedExceptionHandlerTest {

    private final List<String> audited = new ArrayList<>();
    private final UnexpectedExceptionHandler handler = new UnexpectedExceptionHandler(new Refusals(null, null) {
        @Override
        public void conflict(HttpRequest<?> request, ProblemCode code, String detail) {
            audited.add(code.code());
        }
    });

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
