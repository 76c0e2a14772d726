package io.carapulse.core.http;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.RetriableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whatever escaped everything else. A database that cannot answer is a 503 (fail closed, S9);
 * anything else a 500 whose body says nothing about internals, while the log keeps the trace.
 */
@Singleton
public class UnexpectedExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        if (isUnavailable(exception)) {
            LOG.warn("{} {}: a dependency is unavailable: {}", request.getMethod(), request.getPath(),
                    exception.toString());
            return Problems.respond(HttpResponse.status(HttpStatus.OK), ProblemCode.UNAVAILABLE,
                    "a dependency (database, approval provider) cannot answer; nothing was changed", request, Map.of());
        }
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
        return Problems.respond(HttpResponse.status(HttpStatus.OK), ProblemCode.INTERNAL_ERROR,
                "internal error; the server log has the details", request, Map.of());
    }

    private static boolean isUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RetriableException || c instanceof SQLTransientException
                    || c instanceof java.sql.SQLNonTransientConnectionException
                    || (c instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
