package io.carapulse.core.http;

import io.carapulse.api.error.ProblemCode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whatever escaped everything else. A database that cannot answer is a 503 (fail closed, S9) with
 * {@code Retry-After}, its cause logged at most once per cause every 10 s ({@link UnavailableLog});
 * anything else a 500 whose body says nothing about internals, while the log keeps the trace.
 */
@Singleton
public class UnexpectedExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    /** Seconds a client should wait before trying a refused request again. */
    public static final String RETRY_AFTER_SECONDS = "2";
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    private final UnavailableLog unavailableLog;

    @Inject
    public UnexpectedExceptionHandler() {
        this(new UnavailableLog(System::nanoTime));
    }

    UnexpectedExceptionHandler(UnavailableLog unavailableLog) {
        this.unavailableLog = unavailableLog;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
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
}
