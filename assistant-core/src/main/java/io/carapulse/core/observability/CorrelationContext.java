package io.carapulse.core.observability;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

/**
 * A request's correlation id in Micronaut's propagated context: it follows the request onto every
 * thread that works for it, and is the MDC's {@code correlationId} while it does.
 */
record CorrelationContext(String id) implements ThreadPropagatedContextElement<String> {

    @Override
    public String updateThreadContext() {
        String previous = MDC.get(Correlation.MDC_CORRELATION_ID);
        MDC.put(Correlation.MDC_CORRELATION_ID, id);
        return previous;
    }

    @Override
    public void restoreThreadContext(String previous) {
        if (previous == null) {
            MDC.remove(Correlation.MDC_CORRELATION_ID);
        } else {
            MDC.put(Correlation.MDC_CORRELATION_ID, previous);
        }
    }
}
