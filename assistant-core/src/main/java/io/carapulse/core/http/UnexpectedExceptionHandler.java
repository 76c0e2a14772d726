package io.carapulse.core.http;

import io.carapulse.api.error.ProblemCode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whatever escaped everything else. A database that cannot answer is a 503 (fail closed, S9) with
 * {@code Retry-After}, its cause logged at most once per cause every 10 s ({@link UnavailableLog}); a lost
 * race between two requests is a 409 {@code invalid_state}, audited;
 * anything else a 500 whose body says nothing about internals, while the log keeps the trace.
 */
@Singleton
public class UnexpectedExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    /** Seconds a client should wait before trying a refused request again. */
    public static final String RETRY_AFTER_SECONDS = "2";
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    private final Refusals refusals;
    private final UnavailableLog unavailableLog;

    @Inject
    public UnexpectedExceptionHandler(Refusals refusals) {
        this(refusals, new UnavailableLog(System::nanoTime));
    }

    UnexpectedExceptionHandler(Refusals refusals, UnavailableLog unavailableLog) {
        this.refusals = refusals;
        this.unavailableLog = unavailableLog;
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
        Unavailable cause = Unavailable.of(exception);
        if (cause != null) {
            unavailableLog.refused(request.getMethodName(), request.getPath(), cause, exception);
            return Problems.respond(HttpResponse.status(HttpStatus.OK).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS),
                    ProblemCode.UNAVAILABLE, cause.detail(), request, Map.of());
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
}
