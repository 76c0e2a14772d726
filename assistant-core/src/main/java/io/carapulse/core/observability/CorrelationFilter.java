package io.carapulse.core.observability;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Gives every request a correlation id ({@link Correlation#forRequest}) before anything else looks at
 * it: in the MDC of the threads that serve it, for an execution it starts, and echoed as
 * {@code X-Request-Id} on the response, refusals included.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class CorrelationFilter implements Ordered {

    private static final String ATTRIBUTE = "carapulse.correlationId";

    @RequestFilter
    void correlate(HttpRequest<?> request, MutablePropagatedContext context) {
        String id = Correlation.forRequest(request.getHeaders().get(Correlation.TRACEPARENT_HEADER),
                request.getHeaders().get(Correlation.REQUEST_ID_HEADER));
        request.setAttribute(ATTRIBUTE, id);
        context.add(new CorrelationContext(id));
    }

    @ResponseFilter
    void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ATTRIBUTE, String.class)
                .ifPresent(id -> response.getHeaders().set(Correlation.REQUEST_ID_HEADER, id));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
