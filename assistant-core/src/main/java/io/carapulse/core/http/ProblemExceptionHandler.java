package io.carapulse.core.http;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Our own refusals, with their code, status and detail. */
@Singleton
@Requires(classes = {ProblemException.class, ExceptionHandler.class})
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<?>> {

    private final Refusals refusals;

    public ProblemExceptionHandler(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
        refusals.refused(request, exception);
        MutableHttpResponse<?> response = HttpResponse.status(io.micronaut.http.HttpStatus.OK);
        if (exception.problem() == ProblemCode.UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, UnexpectedExceptionHandler.RETRY_AFTER_SECONDS);
        } else if (exception.extensions().get("retryAfterSeconds") instanceof Long seconds) {
            // a provider's rate limit (provider_rate_limited): its own wait, passed on
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return Problems.respond(response, exception.problem(), exception.getMessage(), request, exception.extensions());
    }
}
