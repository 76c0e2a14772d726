package io.carapulse.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S9: a database that cannot answer is a 503 that says nothing changed; a bug is a 500 without internals. */
class UnexpectedExceptionHandlerTest {

    private final UnexpectedExceptionHandler handler = new UnexpectedExceptionHandler();

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
