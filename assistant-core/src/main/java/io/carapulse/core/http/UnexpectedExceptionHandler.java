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

    private final Refusals refusals;

    public UnexpectedExceptionHandler(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        if (isLostRace(exception)) {
            String detail = "another request changed the same record at the same time and won; "
                    + "read it again and retry if it still applies";
            LOG.info("{} {}: lost a race for a record: {}", request.getMethod(), request.getPath(), rootMessage(exception));
            refusals.conflict(request, ProblemCode.INVALID_STATE, detail);
            return Problems.respond(HttpResponse.status(HttpStatus.OK), ProblemCode.INVALID_STATE, detail, request,
                    Map.of());
        }
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

    /**
     * Two requests changed one record at once: an optimistic-lock version that moved, a unique key
     * the other request took first, a serialization failure or a deadlock the database broke.
     * Nothing was changed by the loser; it is a conflict, not a server error.
     */
    static boolean isLostRace(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof io.micronaut.data.exceptions.OptimisticLockException) {
                return true;
            }
            if (c instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().equals("23505") || s.getSQLState().equals("40001")
                    || s.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
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
